//! Providers whose signatures reach beyond what a
//! [`Platform`](crate::Platform) reads (one request's headers and raw
//! body, signed with HMAC-SHA256 or Ed25519): the public URL the sender
//! used, the method, form fields, fields of the body, or another algorithm
//! (HMAC-SHA1, HMAC-SHA512, ECDSA P-256, RSA).
//!
//! Each provider is a type of its own, holding its key read once, whose
//! `verify` takes exactly what its signed content needs and nothing it
//! does not. A scheme that signs the request URL takes the URL the sender
//! used as an argument: behind a proxy or a load balancer the URI your
//! server sees is another one (scheme, host, port), and the signature
//! covers the sender's.
//!
//! The algorithms come from RustCrypto crates behind features, all off by
//! default (`sha1`, `sha512`, `p256`, `rsa`, or `providers` for all), so a
//! receiver of GitHub alone compiles none of them.

mod mac;

pub use mac::SignatureText;

#[cfg(feature = "sha1")]
mod twilio;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub use twilio::Twilio;

mod hubspot;
mod mailgun;
mod square;

pub use hubspot::{HubSpot, HubSpotSignature, MillisText};
pub use mailgun::Mailgun;
pub use square::Square;

#[cfg(feature = "sha1")]
mod intercom;
#[cfg(feature = "sha1")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha1")))]
pub use intercom::Intercom;

#[cfg(feature = "sha512")]
mod paystack;
#[cfg(feature = "sha512")]
#[cfg_attr(docsrs, doc(cfg(feature = "sha512")))]
pub use paystack::Paystack;

#[cfg(any(feature = "p256", feature = "rsa"))]
mod variable_signature;

#[cfg(feature = "p256")]
mod sendgrid;
#[cfg(feature = "p256")]
#[cfg_attr(docsrs, doc(cfg(feature = "p256")))]
pub use sendgrid::{SendGrid, SendGridSigner};

#[cfg(feature = "rsa")]
mod paypal;
#[cfg(feature = "rsa")]
#[cfg_attr(docsrs, doc(cfg(feature = "rsa")))]
pub use paypal::{CertificateUrlError, PayPal};

mod zoom;
pub use zoom::{UrlValidation, UrlValidationError, Zoom};
