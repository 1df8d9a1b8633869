//! Registry JSON (`schema_version` 1): the shape is in the [module docs](super).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::kim::{Kim, Member};
use super::{Registry, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::privacy;

#[derive(Serialize)]
struct RegistryOut<'a> {
    schema_version: u64,
    kims: &'a [Kim],
}

/// What one pass over registry JSON gives: the KIMs, or the unsupported `schema_version` found (the rest of the
/// document is then skipped without being built).
enum Parsed {
    Kims(Vec<Kim>),
    WrongVersion(u64),
}

/// Reads `{"schema_version": 1, "kims": [...]}` in one pass, without a `Value` tree: `schema_version` is checked
/// as soon as it is read; a wrong one skips the rest (`IgnoredAny`), so a large document of another version costs
/// nothing. An unknown top-level field is an error.
impl<'de> Deserialize<'de> for Parsed {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Parsed;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object with schema_version and kims")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<Parsed, A::Error> {
                use serde::de::{Error as _, IgnoredAny};
                let mut version = None;
                let mut kims = None;
                while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                    match &*key {
                        "schema_version" if version.is_none() => {
                            let v: u64 = map.next_value()?;
                            if v != SCHEMA_VERSION {
                                while map.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                                return Ok(Parsed::WrongVersion(v));
                            }
                            version = Some(v);
                        }
                        "kims" if kims.is_none() => kims = Some(map.next_value::<Vec<Kim>>()?),
                        "schema_version" | "kims" => {
                            return Err(A::Error::custom(format!("duplicate field `{key}`")));
                        }
                        other => {
                            return Err(A::Error::unknown_field(
                                other,
                                &["schema_version", "kims"],
                            ));
                        }
                    }
                }
                version.ok_or_else(|| A::Error::missing_field("schema_version"))?;
                Ok(Parsed::Kims(
                    kims.ok_or_else(|| A::Error::missing_field("kims"))?,
                ))
            }
        }
        d.deserialize_map(V)
    }
}

impl Serialize for Registry {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        RegistryOut {
            schema_version: SCHEMA_VERSION,
            kims: &self.kims,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Registry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        match Parsed::deserialize(d)? {
            Parsed::Kims(kims) => Registry::from_kims(kims).map_err(serde::de::Error::custom),
            Parsed::WrongVersion(found) => Err(serde::de::Error::custom(format!(
                "unsupported schema_version {found} (this library reads {SCHEMA_VERSION})"
            ))),
        }
    }
}

impl Registry {
    /// Parses registry JSON (see the module docs for the shape), in one pass without an intermediate tree.
    pub fn from_json(json: &str) -> Result<Self> {
        match serde_json::from_str::<Parsed>(json).map_err(|e| Error::from_json(&e))? {
            Parsed::WrongVersion(found) => Err(Error::SchemaVersion {
                found,
                supported: SCHEMA_VERSION,
            }),
            Parsed::Kims(kims) => Registry::from_kims(kims),
        }
    }

    /// Writes registry JSON with `schema_version` 1. It holds full NIKs: it is data, not a log.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| unreachable!("registry types always serialise"))
    }

    /// JSON for logs: every NIK and phone number masked.
    pub fn to_log_json(&self) -> Result<String> {
        privacy::to_log_json(self)
    }
}

impl Kim {
    /// One KIM from JSON text (one element of `kims`), with the same errors as [`Kim::from_json_value`]: a bad
    /// field is named by its path (`members[m2].nik`), never by a line and column alone.
    ///
    /// ```
    /// use kim_core::registry::Kim;
    /// let json = r#"{"id": "K1", "name": "KIM", "seat": "64.02.01.2001",
    ///                "members": [{"id": "m2", "name": "Budi", "nik": "640201410190001"}]}"#;
    /// let err = Kim::from_json(json).unwrap_err();
    /// assert!(err.to_string().starts_with("members[m2].nik: invalid NIK"), "{err}");
    /// ```
    pub fn from_json(json: &str) -> Result<Kim> {
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
        Kim::from_json_value(&value)
    }

    /// One KIM from a parsed JSON value (the shape of one element of `kims`), as bindings pass a dict. On error the
    /// message says where: the field (`seat`), or the member by its id and the field (`members[m2].nik`; an id that
    /// looks like personal data is masked), or the position in a list (`history[1].date`).
    ///
    /// ```
    /// use kim_core::registry::Kim;
    /// let v = serde_json::json!({"id": "K1", "name": "KIM", "seat": "64.02.01.2001",
    ///                            "members": [{"id": "m2", "name": "Budi", "nik": "123"}]});
    /// let err = Kim::from_json_value(&v).unwrap_err();
    /// assert!(err.to_string().starts_with("members[m2].nik: invalid NIK"), "{err}");
    /// ```
    pub fn from_json_value(value: &serde_json::Value) -> Result<Kim> {
        match Kim::deserialize(value) {
            Ok(k) => Ok(k),
            Err(e) => Err(Error::JsonAt {
                path: kim_path(value).unwrap_or_default(),
                message: privacy::mask_text(&e.to_string()),
            }),
        }
    }
}

/// Where a KIM value fails: the first top-level field that fails on its own; inside `members`, the member (by id)
/// and its field; inside another list, the position. `None` when no single field is to blame.
fn kim_path(value: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    let obj = value.as_object()?;
    // A minimal valid KIM, to try one field at a time.
    let base = || {
        let mut m = serde_json::Map::new();
        m.insert("id".into(), Value::from("x"));
        m.insert("name".into(), Value::from("x"));
        m.insert("seat".into(), Value::from("11.01.01.2001"));
        m
    };
    for required in ["id", "name", "seat"] {
        if !obj.contains_key(required) {
            return Some(required.to_owned());
        }
    }
    for (k, v) in obj {
        let mut m = base();
        m.insert(k.clone(), v.clone());
        if serde_json::from_value::<Kim>(Value::Object(m)).is_ok() {
            continue;
        }
        let Value::Array(items) = v else {
            return Some(k.clone());
        };
        for (i, item) in items.iter().enumerate() {
            let mut m = base();
            m.insert(k.clone(), Value::Array(vec![item.clone()]));
            if serde_json::from_value::<Kim>(Value::Object(m)).is_ok() {
                continue;
            }
            if k == "members"
                && let Some(member) = item.as_object()
            {
                let who = member
                    .get("id")
                    .and_then(Value::as_str)
                    .map_or_else(|| i.to_string(), privacy::mask_value);
                return Some(format!("members[{who}]{}", member_field(member)));
            }
            return Some(format!("{k}[{i}]"));
        }
        return Some(k.clone());
    }
    None
}

/// `.field` for the first field of a member that fails on its own (empty if none does).
fn member_field(member: &serde_json::Map<String, serde_json::Value>) -> String {
    use serde_json::Value;
    for required in ["id", "name"] {
        if !member.contains_key(required) {
            return format!(".{required}");
        }
    }
    for (k, v) in member {
        let mut m = serde_json::Map::new();
        m.insert("id".into(), Value::from("x"));
        m.insert("name".into(), Value::from("x"));
        m.insert(k.clone(), v.clone());
        if serde_json::from_value::<Member>(Value::Object(m)).is_err() {
            return format!(".{k}");
        }
    }
    String::new()
}
