//! Amounts in actions: literal (`"1200 LPT"`, `"0.5 ETH"`, `"12345"` wei) or relative to
//! the world at the moment the action runs (`"balance"`, `"stake-1"`, `"escrow+1"`,
//! `"l2stake"`), so that scripts and generated sequences hit exact boundaries.

use std::fmt;
use std::str::FromStr;

use alloy_primitives::U256;
use anyhow::{anyhow, bail, Result};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// `n` whole LPT in wei (18 decimals).
pub fn lpt(n: u64) -> U256 {
    U256::from(n) * U256::from(10).pow(U256::from(18))
}

/// What a relative amount is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Base {
    /// The acting actor's liquid LPT on the action's chain.
    Balance,
    /// The acting actor's pending stake on the action's chain.
    Stake,
    /// The design's escrow (the L1 gateway's LPT; in design C the L2 bridge's).
    Escrow,
    /// The LPT staked on L2 (what an honest oracle reporter reports in design B).
    L2Stake,
}

/// An amount of LPT (or ETH, for fees).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Amount {
    /// A fixed number of wei.
    Wei(U256),
    /// A base plus a small signed offset, floored at zero.
    Relative(Base, i64),
}

impl Amount {
    /// Resolves the amount; `base` reads the world.
    pub fn resolve(&self, base: impl FnOnce(Base) -> Result<U256>) -> Result<U256> {
        match *self {
            Amount::Wei(w) => Ok(w),
            Amount::Relative(b, offset) => {
                let v = base(b)?;
                let magnitude = U256::from(offset.unsigned_abs());
                Ok(if offset >= 0 {
                    v.saturating_add(magnitude)
                } else {
                    v.saturating_sub(magnitude)
                })
            }
        }
    }
}

fn parse_decimal(number: &str, decimals: usize) -> Result<U256> {
    let (int, frac) = number.split_once('.').unwrap_or((number, ""));
    if frac.len() > decimals || int.is_empty() && frac.is_empty() {
        bail!("bad number {number:?}");
    }
    let digits = format!("{int}{frac}{}", "0".repeat(decimals - frac.len()));
    U256::from_str_radix(&digits, 10).map_err(|_| anyhow!("bad number {number:?}"))
}

impl FromStr for Amount {
    type Err = anyhow::Error;
    fn from_str(s: &str) -> Result<Self> {
        let s = s.trim();
        for (name, base) in [
            ("balance", Base::Balance),
            ("stake", Base::Stake),
            ("escrow", Base::Escrow),
            ("l2stake", Base::L2Stake),
        ] {
            if let Some(rest) = s.strip_prefix(name) {
                let offset = if rest.is_empty() {
                    0
                } else {
                    rest.parse::<i64>()
                        .map_err(|_| anyhow!("bad offset in amount {s:?}"))?
                };
                return Ok(Amount::Relative(base, offset));
            }
        }
        if let Some(n) = s.strip_suffix("LPT").or_else(|| s.strip_suffix("ETH")) {
            return Ok(Amount::Wei(parse_decimal(n.trim(), 18)?));
        }
        Ok(Amount::Wei(parse_decimal(s, 0).map_err(|_| {
            anyhow!("bad amount {s:?}: expected e.g. \"1200 LPT\", \"0.5 ETH\", \"12345\" (wei), \"balance\" or \"escrow+1\"")
        })?))
    }
}

impl fmt::Display for Amount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Amount::Wei(w) => {
                let unit = U256::from(10).pow(U256::from(18));
                if !w.is_zero() && (w % unit).is_zero() {
                    write!(f, "{} LPT", w / unit)
                } else {
                    write!(f, "{w}")
                }
            }
            Amount::Relative(base, offset) => {
                let name = match base {
                    Base::Balance => "balance",
                    Base::Stake => "stake",
                    Base::Escrow => "escrow",
                    Base::L2Stake => "l2stake",
                };
                match offset {
                    0 => write!(f, "{name}"),
                    o if *o > 0 => write!(f, "{name}+{o}"),
                    o => write!(f, "{name}{o}"),
                }
            }
        }
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
}

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = serde_json::Value::deserialize(d)?;
        let text = match v {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            other => return Err(serde::de::Error::custom(format!("bad amount {other}"))),
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl<'a> arbitrary::Arbitrary<'a> for Amount {
    /// Leans toward the boundary values a campaign cares about (see `campaign::generate`).
    fn arbitrary(u: &mut arbitrary::Unstructured<'a>) -> arbitrary::Result<Self> {
        let offset = i64::from(u.int_in_range(-1i8..=1)?);
        Ok(match u.int_in_range(0u8..=7)? {
            0 => Amount::Wei(U256::ZERO),
            1 => Amount::Wei(U256::from(1)),
            2 => Amount::Relative(Base::Balance, offset),
            3 => Amount::Relative(Base::Stake, offset),
            4 => Amount::Relative(Base::Escrow, offset),
            7 => Amount::Relative(Base::L2Stake, offset),
            5 => Amount::Wei(
                U256::from(u.int_in_range(1u64..=100_000)?) * U256::from(10).pow(U256::from(18)),
            ),
            _ => Amount::Wei(U256::from(u.arbitrary::<u128>()?)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_units_and_relatives() {
        let lpt = U256::from(10).pow(U256::from(18));
        assert_eq!(
            "1200 LPT".parse::<Amount>().unwrap(),
            Amount::Wei(U256::from(1200) * lpt)
        );
        assert_eq!(
            "0.5 ETH".parse::<Amount>().unwrap(),
            Amount::Wei(lpt / U256::from(2))
        );
        assert_eq!("7".parse::<Amount>().unwrap(), Amount::Wei(U256::from(7)));
        assert_eq!(
            "escrow+1".parse::<Amount>().unwrap(),
            Amount::Relative(Base::Escrow, 1)
        );
        assert_eq!(
            "balance-1".parse::<Amount>().unwrap(),
            Amount::Relative(Base::Balance, -1)
        );
        assert!("12 apples".parse::<Amount>().is_err());
        assert!("balance+x".parse::<Amount>().is_err());
    }

    #[test]
    fn relative_amounts_floor_at_zero() {
        let a = Amount::Relative(Base::Escrow, -5);
        assert_eq!(a.resolve(|_| Ok(U256::from(3))).unwrap(), U256::ZERO);
    }
}
