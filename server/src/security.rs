//! Middleware every request passes: who the client is, the cross-origin
//! check for mutating requests, and the security headers on every response.

use app::error::AppError;
use app::server::request::ClientIp;
use app::server::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use std::net::{IpAddr, SocketAddr};

pub async fn guard(State(state): State<AppState>, mut req: Request, next: Next) -> Response {
    let ip = client_ip(&req, &state.settings);
    req.extensions_mut().insert(ClientIp(ip));

    if is_mutating(req.method()) && !same_origin(req.headers(), state.settings.public_origin.as_deref()) {
        tracing::warn!(path = %req.uri().path(), "cross-origin request refused");
        return refuse(req.uri().path());
    }

    let static_asset = is_static(req.uri().path());
    let mut res = next.run(req).await;
    let h = res.headers_mut();
    set_default(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set_default(h, header::X_FRAME_OPTIONS, "DENY");
    set_default(h, header::REFERRER_POLICY, "strict-origin-when-cross-origin");
    set_default(h, "permissions-policy", "camera=(self), geolocation=(), microphone=(), payment=()");
    set_default(h, "cross-origin-opener-policy", "same-origin");
    // Pages set their own CSP with a nonce; everything else gets the strict one.
    if !h.contains_key(header::CONTENT_SECURITY_POLICY) {
        if let Ok(v) = HeaderValue::from_str(&app::server::page::content_security_policy(None)) {
            h.insert(header::CONTENT_SECURITY_POLICY, v);
        }
    }
    if state.settings.secure_cookies {
        set_default(h, header::STRICT_TRANSPORT_SECURITY, "max-age=31536000; includeSubDomains");
    }
    // Pages and answers carry one account's data: no shared cache may keep them.
    set_default(h, header::CACHE_CONTROL, if static_asset { "public, max-age=0, must-revalidate" } else { "no-store" });
    res
}

fn set_default(h: &mut HeaderMap, name: impl header::IntoHeaderName + Clone + AsRef<str>, value: &'static str) {
    if !h.contains_key(name.as_ref()) {
        h.insert(name, HeaderValue::from_static(value));
    }
}

fn is_mutating(m: &Method) -> bool {
    !matches!(*m, Method::GET | Method::HEAD | Method::OPTIONS)
}

fn is_static(path: &str) -> bool {
    path.starts_with("/pkg/") || path.starts_with("/icons/") || matches!(path, "/favicon.svg" | "/manifest.webmanifest" | "/sw.js")
}

/// A browser always sends `Origin` on a cross-site POST; when it is there it
/// must be ours. Without `Origin`, `Sec-Fetch-Site` (if sent) must not say
/// cross-site. Clients that send neither are not browsers and carry no
/// victim's cookies.
fn same_origin(headers: &HeaderMap, public_origin: Option<&str>) -> bool {
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok()) {
        if let Some(expected) = public_origin {
            return origin.trim_end_matches('/') == expected.trim_end_matches('/');
        }
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");
        let origin_host = origin.split_once("://").map(|(_, rest)| rest).unwrap_or("");
        return !host.is_empty() && origin_host == host;
    }
    !matches!(headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()), Some("cross-site") | Some("same-site"))
}

/// The cross-origin refusal: problem+json on the REST API, the app's JSON
/// error (which server functions read) elsewhere.
fn refuse(path: &str) -> Response {
    if path.starts_with("/api/") {
        return crate::api::Problem(AppError::CrossOrigin).into_response();
    }
    let body = serde_json::to_string(&AppError::CrossOrigin).unwrap_or_default();
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "application/json")], body).into_response()
}

fn client_ip(req: &Request, settings: &app::server::Settings) -> String {
    let peer = req.extensions().get::<ConnectInfo<SocketAddr>>().map(|ci| ci.0.ip());
    let forwarded = req.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect::<Vec<_>>().join(",");
    let client = if settings.trust_proxy { forwarded_client(&forwarded, &settings.trusted_proxies) } else { None };
    client.or(peer).map(|ip| ip.to_string()).unwrap_or_else(|| "unknown".to_string())
}

/// The client behind our proxies: the right-most `X-Forwarded-For` entry
/// that is not one of them. Each proxy appends the address it saw, so
/// everything left of that entry was written by the client itself and may
/// be anything (a forged first entry must not pick its own rate limit).
fn forwarded_client(header: &str, trusted: &[IpAddr]) -> Option<IpAddr> {
    header
        .rsplit(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| s.parse::<IpAddr>().ok())
        // an entry that is not an address ends the search: nothing left of it can be trusted
        .try_fold(None::<IpAddr>, |_, ip| match ip {
            Some(ip) if trusted.contains(&ip) => Ok(None),
            other => Err(other),
        })
        .err()
        .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn the_client_is_the_right_most_untrusted_forwarded_entry() {
        let ip = |s: &str| s.parse::<IpAddr>().unwrap();
        let proxy = [ip("10.0.0.2")];
        // the client forged a first entry; our proxy appended the real one
        assert_eq!(forwarded_client("1.2.3.4, 203.0.113.9", &[]), Some(ip("203.0.113.9")));
        assert_eq!(forwarded_client("1.2.3.4, 203.0.113.9, 10.0.0.2", &proxy), Some(ip("203.0.113.9")));
        assert_eq!(forwarded_client("203.0.113.9", &proxy), Some(ip("203.0.113.9")));
        assert_eq!(forwarded_client("10.0.0.2", &proxy), None, "only proxies: use the peer");
        assert_eq!(forwarded_client("", &proxy), None);
        assert_eq!(forwarded_client("1.2.3.4, garbage", &[]), None, "a malformed entry is never a client address");
    }

    #[test]
    fn origin_rules() {
        let host = ("host", "portal.example:3000");
        assert!(same_origin(&headers(&[host, ("origin", "http://portal.example:3000")]), None));
        assert!(!same_origin(&headers(&[host, ("origin", "http://evil.example")]), None));
        assert!(!same_origin(&headers(&[host, ("origin", "null")]), None));
        assert!(same_origin(&headers(&[host]), None));
        assert!(!same_origin(&headers(&[host, ("sec-fetch-site", "cross-site")]), None));
        assert!(same_origin(&headers(&[host, ("sec-fetch-site", "same-origin")]), None));
        let public = Some("https://portal.example");
        assert!(same_origin(&headers(&[host, ("origin", "https://portal.example")]), public));
        assert!(!same_origin(&headers(&[host, ("origin", "http://portal.example:3000")]), public));
    }
}
