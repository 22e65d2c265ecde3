//! Whether a `PAYPAL-CERT-URL` points at PayPal, read as text: no URL
//! parser, so that nothing a parser forgives (user info, a backslash, a
//! trailing dot) can move the host.

use crate::KeyError;

/// PayPal's API hosts, live and sandbox, under both of their names.
const HOSTS: [&str; 4] = [
    "api.paypal.com",
    "api-m.paypal.com",
    "api.sandbox.paypal.com",
    "api-m.sandbox.paypal.com",
];

pub(super) fn check(url: &str) -> Result<(), KeyError> {
    let fail = |reason| Err(KeyError::NotPayPalCertificateUrl { reason });
    if !url.bytes().all(|b| b.is_ascii_graphic()) || url.contains('\\') {
        return fail("it has a blank, a backslash or a byte that is not visible ASCII");
    }
    let Some(rest) = url
        .get(..8)
        .filter(|scheme| scheme.eq_ignore_ascii_case("https://"))
        .and_then(|_| url.get(8..))
    else {
        return fail("it is not https://");
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, path) = rest.split_at(end);
    if authority.contains('@') {
        return fail("it has user info before its host");
    }
    let host = match authority.split_once(':') {
        Some((host, "443")) => host,
        Some(_) => return fail("its port is not 443"),
        None => authority,
    };
    if !HOSTS.iter().any(|known| host.eq_ignore_ascii_case(known)) {
        return fail(
            "its host is not api.paypal.com or api.sandbox.paypal.com (or their api-m. names)",
        );
    }
    if !path.starts_with('/') {
        return fail("it has no path after its host");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paypal_hosts_pass() {
        for url in [
            "https://api.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
            "https://api.sandbox.paypal.com/v1/notifications/certs/CERT-360caa42-fca2a594-a5cafa77",
            "HTTPS://API.PayPal.com:443/v1/notifications/certs/CERT-1",
            "https://api-m.sandbox.paypal.com/v1/notifications/certs/CERT-1",
        ] {
            assert_eq!(check(url), Ok(()), "{url}");
        }
    }

    #[test]
    fn lookalikes_fail() {
        for url in [
            "http://api.paypal.com/v1/notifications/certs/CERT-1",
            "https://api.paypal.com.evil.example/v1/certs",
            "https://api.paypal.com@evil.example/v1/certs",
            "https://evil.example/api.paypal.com/v1/certs",
            "https://evil.example?https://api.paypal.com/",
            "https://api.paypal.com./v1/certs",
            "https://api.paypal.com:8443/v1/certs",
            "https://api.paypal.com\\@evil.example/",
            "https://api.paypal.com",
            "https://paypal.com/v1/certs",
            "https://www.paypal.com/v1/certs",
            "https://api.paypal.com /v1/certs",
            "",
        ] {
            assert!(
                matches!(check(url), Err(KeyError::NotPayPalCertificateUrl { .. })),
                "{url}"
            );
        }
    }
}
