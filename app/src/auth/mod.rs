//! Signing in and out, invitations and passwords.

pub mod pages;
/// The capability's server half: store and service (never in the browser's bundle).
#[cfg(feature = "ssr")]
pub mod server;
pub mod server_fns;

/// Where to go after signing in: only a path on this site, never another
/// site (an open redirect would let a phishing link borrow our sign-in page).
///
/// Parsed, not pattern-matched: the target must be an absolute path
/// (`/…`), optionally with a query and fragment, made only of characters a
/// URL may hold literally. Browsers strip tabs and newlines and read `\` as
/// `/` before they resolve a URL, so `/\t/evil.example` or `/\evil.example`
/// would become `//evil.example` — another host. Such characters, and a
/// second leading slash, are refused outright; anything refused goes home.
pub fn safe_next(next: Option<&str>) -> String {
    let Some(target) = next else { return "/".to_string() };
    let path_end = target.find(['?', '#']).unwrap_or(target.len());
    let path = &target[..path_end];
    let literal = |c: char| c.is_ascii_graphic() && c != '\\';
    let ok = path.starts_with('/')
        && !path.starts_with("//")
        && target.len() <= 2_000
        && path.chars().all(literal)
        // the query and fragment cannot change the host; they may hold any text (a search in Chinese)
        && !target[path_end..].chars().any(char::is_control)
        // a percent-encoded slash or backslash must not open a second path start after decoding
        && !path.to_ascii_lowercase().starts_with("/%2f")
        && !path.to_ascii_lowercase().starts_with("/%5c");
    if ok {
        target.to_string()
    } else {
        "/".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/orders?page=2")), "/orders?page=2");
        assert_eq!(safe_next(Some("/orders/12#timeline")), "/orders/12#timeline");
        assert_eq!(safe_next(Some("/orders?search=螺栓")), "/orders?search=螺栓");
        for bad in [
            "https://evil.example",
            "//evil.example",
            "/\\evil.example",
            "orders",
            "",
            "/x\r\nSet-Cookie: a=b",
            // browsers strip tab and newline: these become //evil.example
            "/\t/evil.example",
            "/\n/evil.example",
            "\t//evil.example",
            " //evil.example",
            "/%2F/evil.example",
            "/%5c/evil.example",
            "/\u{a0}/evil.example",
        ] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
