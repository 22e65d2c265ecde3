//! actix-web's headers, read in place: actix-web 4 is on `http` 0.2, with
//! its own header map, so verification reads it through [`Headers`]
//! rather than converting the map.

use actix_web::http::header::{HeaderMap, HeaderValue};

use crate::Headers;

/// An actix-web request's headers, as verification reads them.
pub(crate) struct ActixHeaders<'a>(pub(crate) &'a HeaderMap);

impl Headers for ActixHeaders<'_> {
    fn values<'a>(&'a self, name: &str) -> impl Iterator<Item = &'a [u8]> {
        self.0.get_all(name).map(HeaderValue::as_bytes)
    }
}

#[cfg(test)]
mod tests {
    use actix_web::http::header::HeaderName;

    use super::*;

    #[test]
    fn every_value_in_order_and_names_in_any_case() {
        let mut map = HeaderMap::new();
        let name = HeaderName::from_static("x-signature");
        map.append(name.clone(), HeaderValue::from_static("one"));
        map.append(name, HeaderValue::from_static("two"));
        let headers = ActixHeaders(&map);
        let values: Vec<&[u8]> = headers.values("x-signature").collect();
        assert_eq!(values, [b"one".as_slice(), b"two"]);
        assert_eq!(headers.values("x-other").count(), 0);
    }
}
