//! The objects of an event: documented fields, typed, and the fields the
//! crate does not know, kept as raw JSON.

/// A struct for a JSON object: each documented field with its wire name,
/// and `extra` for the rest, as raw JSON ([`Extra`](crate::event::Extra)).
///
/// Encoding writes the documented fields in the order given (with any
/// `#[serde(...)]` attribute given for them), then `extra`. Decoding reads
/// each field once, straight into its type: an `Option` that is absent is
/// `None`, any other field that is absent is an error naming it, and a key
/// written twice, documented or not, is an error. `Deserialize` reads the
/// object on its own; the envelopes read it with
/// [`Record::read_at`](crate::event::wire::Record), which checks the
/// unknown fields' nesting against where the object sits in the body.
///
/// With `named NameFields;` after the struct, it also makes `NameFields`,
/// the documented fields alone, which callers build by name (a struct
/// literal: no field can be left out or swapped with another of its type)
/// and turn into the struct with `From`. Doc comments written before
/// `named` (an example) are added to `NameFields`' own.
macro_rules! record {
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident: $ty:ty = $wire:literal, )*
        }
        $(#[$fields_meta:meta])*
        named $fields:ident;
    ) => {
        record! {
            $(#[$meta])*
            pub struct $name {
                $( $(#[$field_meta])* $field: $ty = $wire, )*
            }
        }

        #[doc = concat!(
            "The documented fields of [`", stringify!($name), "`], to build one by name: ",
            "`", stringify!($name), "::from(", stringify!($fields), " { .. })`, ",
            "with no unknown fields. Encodes as the same object would."
        )]
        $(#[$fields_meta])*
        #[derive(Debug, Clone, PartialEq, ::serde::Serialize)]
        pub struct $fields {
            $(
                $(#[$field_meta])*
                #[serde(rename = $wire)]
                pub $field: $ty,
            )*
        }

        impl From<$fields> for $name {
            fn from(fields: $fields) -> Self {
                Self {
                    $( $field: fields.$field, )*
                    extra: $crate::event::Extra::new(),
                }
            }
        }
    };
    (
        $(#[$meta:meta])*
        pub struct $name:ident {
            $( $(#[$field_meta:meta])* $field:ident: $ty:ty = $wire:literal, )*
        }
    ) => {
        $(#[$meta])*
        #[derive(::serde::Serialize)]
        #[non_exhaustive]
        pub struct $name {
            $(
                $(#[$field_meta])*
                #[serde(rename = $wire)]
                pub $field: $ty,
            )*
            /// Fields the crate does not know, kept as received.
            #[serde(flatten)]
            pub extra: $crate::event::Extra,
        }

        impl $crate::event::wire::Record for $name {
            fn read_at<'de, D: ::serde::Deserializer<'de>>(
                deserializer: D,
                depth: usize,
            ) -> Result<Self, D::Error> {
                struct Visitor(usize);

                impl<'de> ::serde::de::Visitor<'de> for Visitor {
                    type Value = $name;

                    fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                        f.write_str(concat!("struct ", stringify!($name)))
                    }

                    fn visit_map<A: ::serde::de::MapAccess<'de>>(
                        self,
                        mut map: A,
                    ) -> Result<$name, A::Error> {
                        use $crate::event::wire::{Text, UnknownFields, missing, vacant};
                        $( let mut $field: Option<$ty> = None; )*
                        let mut extra = UnknownFields::at(self.0 + 1);
                        while let Some(Text(key)) = map.next_key()? {
                            match &*key {
                                $(
                                    $wire => {
                                        vacant(&$field, $wire)?;
                                        $field = Some(map.next_value()?);
                                    }
                                )*
                                _ => extra.read(key, &mut map)?,
                            }
                        }
                        Ok($name {
                            $(
                                $field: match $field {
                                    Some(value) => value,
                                    None => missing($wire)?,
                                },
                            )*
                            extra: extra.finish()?,
                        })
                    }
                }

                deserializer.deserialize_map(Visitor(depth))
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                <Self as $crate::event::wire::Record>::read_at(deserializer, 0)
            }
        }
    };
}

pub(crate) use record;
