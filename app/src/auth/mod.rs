//! Signing in and out, invitations and passwords.

pub mod api;
pub mod pages;

/// Where to go after signing in: only a path on this site, never another
/// site (an open redirect would let a phishing link borrow our sign-in page).
pub fn safe_next(next: Option<&str>) -> String {
    match next.map(str::trim) {
        Some(p) if p.starts_with('/') && !p.starts_with("//") && !p.starts_with("/\\") && !p.contains(['\r', '\n']) => p.to_string(),
        _ => "/".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn next_stays_on_site() {
        assert_eq!(safe_next(Some("/orders?page=2")), "/orders?page=2");
        for bad in ["https://evil.example", "//evil.example", "/\\evil.example", "orders", "", "/x\r\nSet-Cookie: a=b"] {
            assert_eq!(safe_next(Some(bad)), "/", "{bad}");
        }
        assert_eq!(safe_next(None), "/");
    }
}
