//! Slowing password guessing down without handing an attacker a way to lock anyone out (OWASP ASVS 5, V6.3).
//!
//! Every sign-in attempt, admin's or learner's, is counted under three keys before its password is checked:
//! the client's address (spraying many accounts), the account from that address, and the account from
//! anywhere. Each key allows a few free attempts, then makes the next one wait, twice as long each time, up to
//! about 17 minutes; a success clears the account's keys. The account-from-anywhere key does not apply from an
//! address the account has signed in from before, so an attacker elsewhere can slow the account down for
//! strangers but not for its owner at their usual address. The counts live in the database (every server
//! instance sees them) and are taken in one statement each (`storage::sign_in_throttle::claim`), so parallel
//! attempts cannot share a count.

use std::net::IpAddr;

use chrono::{DateTime, Duration, Utc};
use storage::sign_in_throttle::{Claim, Policy};
use storage::{DatabaseConnection, DbErr};

/// One address, many accounts: room for a school's shared connection, not for a password spray.
const ADDRESS: Policy = Policy { free: 30, base_ms: 1_000, max_doublings: 10 };
/// One account from one address: a few typos.
const PAIR: Policy = Policy { free: 5, base_ms: 1_000, max_doublings: 10 };
/// One account from addresses it never signed in from: a slow distributed guess.
const ACCOUNT: Policy = Policy { free: 10, base_ms: 1_000, max_doublings: 10 };
/// Counters idle this long are forgotten (the longest wait is about 17 minutes).
const FORGET_COUNTERS_AFTER: Duration = Duration::days(1);
/// An address unused this long is no longer the account's usual one.
const FORGET_ADDRESSES_AFTER: Duration = Duration::days(90);

/// The longest email a sign-in reads (the rules' limit for any email).
pub const MAX_EMAIL_CHARS: usize = 254;
/// The longest password a sign-in reads: far beyond any passphrase, short of a flood.
pub const MAX_PASSWORD_CHARS: usize = 1024;

/// Whether an email or password is longer than anyone's: refused before anything else is done with it (the
/// byte test first, so a megabyte is not even counted).
pub(crate) fn too_long(email: &str, password: &str) -> bool {
    let over = |text: &str, max: usize| text.len() > max * 4 || text.chars().count() > max;
    over(email, MAX_EMAIL_CHARS) || over(password, MAX_PASSWORD_CHARS)
}

/// Where a sign-in comes from, as the server sees it (the peer, or what the configured proxy reports). An IPv6
/// client counts by its /64 network, which one client usually holds whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ClientAddress(IpAddr);

impl ClientAddress {
    pub fn new(ip: IpAddr) -> Self {
        ClientAddress(ip)
    }

    /// A request whose address is unknown (a test calling the service directly, a server without connection
    /// information): they all share one address.
    pub fn unknown() -> Self {
        ClientAddress(IpAddr::from([0, 0, 0, 0]))
    }

    fn key(&self) -> String {
        match self.0 {
            IpAddr::V4(v4) => v4.to_string(),
            IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
                Some(v4) => v4.to_string(),
                None => {
                    let s = v6.segments();
                    format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
                }
            },
        }
    }
}

/// Which sign-in is being attempted: the two never share an account's counters.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Door {
    Admin,
    Learner,
}

/// An attempt allowed to check its password; [`Attempt::succeeded`] clears what it counted.
pub(crate) struct Attempt {
    account: String,
    pair: String,
    address: String,
}

/// The throttle of an account: `admin:` or `learner:` and the SHA-256 of the email key (bounded in length, and
/// no stranger's email kept in clear).
fn account_key(door: Door, email_key: &str) -> String {
    let prefix = match door {
        Door::Admin => "admin",
        Door::Learner => "learner",
    };
    format!("{prefix}:{}", storage::tokens::hash_token(email_key))
}

fn millis(at: DateTime<Utc>) -> i64 {
    at.timestamp_millis()
}

/// Counts an attempt on every key that applies; `Err(seconds)` when one of them must still wait that long
/// (nothing further is counted then).
pub(crate) async fn attempt(
    db: &DatabaseConnection,
    door: Door,
    email_key: &str,
    client: ClientAddress,
    now: DateTime<Utc>,
) -> Result<Result<Attempt, u64>, DbErr> {
    let now_ms = millis(now);
    storage::sign_in_throttle::purge(db, millis(now - FORGET_COUNTERS_AFTER), millis(now - FORGET_ADDRESSES_AFTER))
        .await?;
    let account = account_key(door, email_key);
    let attempt =
        Attempt { pair: format!("{account}@{}", client.key()), address: format!("address:{}", client.key()), account };
    let usual = storage::sign_in_throttle::is_known_address(db, &attempt.account, &client.key()).await?;
    let mut keys = vec![(attempt.address.as_str(), ADDRESS), (attempt.pair.as_str(), PAIR)];
    if !usual {
        keys.push((attempt.account.as_str(), ACCOUNT));
    }
    for (key, policy) in keys {
        if let Claim::WaitUntil(until_ms) = storage::sign_in_throttle::claim(db, key, now_ms, policy).await? {
            let seconds = ((until_ms - now_ms).max(1) + 999) / 1000;
            return Ok(Err(seconds as u64));
        }
    }
    Ok(Ok(attempt))
}

impl Attempt {
    /// The password was right: the account's counters go, and this address becomes one of its usual ones. The
    /// address's counter only takes back this attempt: its earlier failures stay (one good password does not buy
    /// a spray), but successes never add up, so a school's shared address is not slowed down by its own sign-ins.
    pub(crate) async fn succeeded(&self, db: &DatabaseConnection, now: DateTime<Utc>) -> Result<(), DbErr> {
        storage::sign_in_throttle::forget(db, &[&self.account, &self.pair]).await?;
        storage::sign_in_throttle::uncount(db, &self.address, ADDRESS).await?;
        let address = self.pair.rsplit_once('@').map(|(_, a)| a).unwrap_or_default();
        storage::sign_in_throttle::remember_address(db, &self.account, address, millis(now)).await
    }
}

/// Forgets every counter of this account (the operator's `server unlock-admin`); returns how many there were.
pub(crate) async fn unlock(db: &DatabaseConnection, door: Door, email_key: &str) -> Result<u64, DbErr> {
    storage::sign_in_throttle::forget_account(db, &account_key(door, email_key)).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_clients_count_by_their_network_and_mapped_ipv4_as_ipv4() {
        let a = ClientAddress::new("2001:db8:1:2:aaaa::1".parse().unwrap());
        let b = ClientAddress::new("2001:db8:1:2:bbbb::9".parse().unwrap());
        assert_eq!(a.key(), b.key());
        assert_eq!(a.key(), "2001:db8:1:2::/64");
        assert_eq!(ClientAddress::new("::ffff:192.0.2.7".parse().unwrap()).key(), "192.0.2.7");
    }

    #[test]
    fn account_keys_are_bounded_and_separate_per_door() {
        let long = "x".repeat(10_000);
        assert!(account_key(Door::Admin, &long).len() < 80);
        assert_ne!(account_key(Door::Admin, "a@b.c"), account_key(Door::Learner, "a@b.c"));
    }
}
