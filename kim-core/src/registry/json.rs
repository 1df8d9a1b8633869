//! Registry JSON (`schema_version` 1): the shape is in the [module docs](super).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::kim::Kim;
use super::{Registry, SCHEMA_VERSION};
use crate::error::{Error, Result};
use crate::privacy;

#[derive(Serialize)]
struct RegistryOut<'a> {
    schema_version: u64,
    kims: &'a [Kim],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryIn {
    schema_version: u64,
    kims: Vec<Kim>,
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
        let r = RegistryIn::deserialize(d)?;
        if r.schema_version != SCHEMA_VERSION {
            return Err(serde::de::Error::custom(format!(
                "unsupported schema_version {} (this library reads {SCHEMA_VERSION})",
                r.schema_version
            )));
        }
        Registry::from_kims(r.kims).map_err(serde::de::Error::custom)
    }
}

impl Registry {
    /// Parses registry JSON (see the module docs for the shape).
    pub fn from_json(json: &str) -> Result<Self> {
        let v: serde_json::Value = serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
        if let Some(found) = v.get("schema_version").and_then(serde_json::Value::as_u64)
            && found != SCHEMA_VERSION
        {
            return Err(Error::SchemaVersion {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        serde_json::from_str(json).map_err(|e| Error::from_json(&e))
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
