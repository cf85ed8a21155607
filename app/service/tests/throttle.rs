//! The sign-in throttle, on SQLite and PostgreSQL, with the clock held still so the counts are exact.

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, Statement};
use service::auth::{self, ClientAddress, SignIn, SignInError};
use storage::testing;

const EMAIL: &str = "admin@example.com";
const PASSWORD: &str = "the right passphrase";

fn at(ip: &str) -> ClientAddress {
    ClientAddress::new(ip.parse().unwrap())
}

async fn sign_in(
    db: &storage::DatabaseConnection,
    email: &str,
    password: &str,
    client: ClientAddress,
    now: DateTime<Utc>,
) -> Result<String, SignInError> {
    let request = SignIn { email, password, client, old_token: None };
    auth::sign_in(db, Duration::hours(1), request, now).await
}

async fn rows(db: &storage::DatabaseConnection, table: &str) -> i64 {
    let sql = format!("SELECT COUNT(*) AS n FROM {table}");
    let row = db.query_one_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap().unwrap();
    row.try_get("", "n").unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn parallel_wrong_passwords_get_exactly_the_free_guesses() {
    for t in testing::all().await {
        auth::create_admin(&t.db, EMAIL, PASSWORD).await.unwrap();
        let now = Utc::now();
        let attempts: Vec<_> = (0..20)
            .map(|_| {
                let db = t.db.clone();
                tokio::spawn(async move { sign_in(&db, EMAIL, "a wrong passphrase", at("192.0.2.1"), now).await })
            })
            .collect();
        let (mut checked, mut throttled) = (0, 0);
        for attempt in attempts {
            match attempt.await.unwrap() {
                Err(SignInError::InvalidCredentials) => checked += 1,
                Err(SignInError::TooManyAttempts { retry_after_secs }) => {
                    assert!(retry_after_secs >= 1);
                    throttled += 1
                }
                other => panic!("{other:?}"),
            }
        }
        assert_eq!((checked, throttled), (5, 15), "{:?}: five guesses, however many arrive at once", t.backend);
    }
}

#[tokio::test]
async fn waits_double_after_the_free_guesses_and_end() {
    for t in testing::all().await {
        auth::create_admin(&t.db, EMAIL, PASSWORD).await.unwrap();
        let client = at("192.0.2.2");
        let mut now = Utc::now();
        for _ in 0..5 {
            assert!(matches!(sign_in(&t.db, EMAIL, "wrong", client, now).await, Err(SignInError::InvalidCredentials)));
        }
        for expected in [1, 2, 4, 8] {
            let refused = sign_in(&t.db, EMAIL, PASSWORD, client, now).await;
            assert!(
                matches!(refused, Err(SignInError::TooManyAttempts { retry_after_secs }) if retry_after_secs == expected),
                "{:?}: {refused:?}, expected a wait of {expected} s",
                t.backend
            );
            now += Duration::seconds(expected as i64);
            assert!(matches!(sign_in(&t.db, EMAIL, "wrong", client, now).await, Err(SignInError::InvalidCredentials)));
        }
        // The right password, once the wait is over, gets in and clears the account's counters.
        now += Duration::seconds(16);
        assert!(sign_in(&t.db, EMAIL, PASSWORD, client, now).await.is_ok());
        assert!(matches!(sign_in(&t.db, EMAIL, "wrong", client, now).await, Err(SignInError::InvalidCredentials)));
    }
}

#[tokio::test]
async fn an_attacker_cannot_lock_the_admin_out_of_their_usual_address() {
    for t in testing::all().await {
        auth::create_admin(&t.db, EMAIL, PASSWORD).await.unwrap();
        let now = Utc::now();
        let usual = at("198.51.100.7");
        assert!(sign_in(&t.db, EMAIL, PASSWORD, usual, now).await.is_ok(), "the admin's usual address");
        // An attacker guesses from many addresses until the account is slowed down for strangers.
        let mut throttled = false;
        for i in 0..40 {
            let attacker = at(&format!("203.0.113.{i}"));
            if let Err(SignInError::TooManyAttempts { .. }) = sign_in(&t.db, EMAIL, "guess", attacker, now).await {
                throttled = true;
            }
        }
        assert!(throttled, "{:?}: guesses from anywhere are slowed down", t.backend);
        let stranger = sign_in(&t.db, EMAIL, PASSWORD, at("192.0.2.200"), now).await;
        assert!(matches!(stranger, Err(SignInError::TooManyAttempts { .. })), "{stranger:?}");
        // The admin, at their usual address, still gets in with the right password.
        assert!(sign_in(&t.db, EMAIL, PASSWORD, usual, now).await.is_ok(), "{:?}", t.backend);
        // And the operator can lift the rest.
        assert!(auth::unlock_admin(&t.db, EMAIL).await.unwrap().is_some_and(|n| n >= 1));
        assert!(sign_in(&t.db, EMAIL, PASSWORD, at("192.0.2.200"), now).await.is_ok());
        assert_eq!(auth::unlock_admin(&t.db, "nobody@example.com").await.unwrap(), None);
    }
}

#[tokio::test]
async fn one_address_spraying_many_accounts_is_slowed_down_and_the_tables_stay_small() {
    for t in testing::all().await {
        let now = Utc::now();
        let sprayer = at("192.0.2.9");
        let mut refused = 0;
        for i in 0..200 {
            if let Err(SignInError::TooManyAttempts { .. }) =
                sign_in(&t.db, &format!("user{i}@example.com"), "guess", sprayer, now).await
            {
                refused += 1;
            }
        }
        assert_eq!(refused, 170, "{:?}: thirty free attempts per address", t.backend);
        // One counter per key, never one row per attempt: the address, and each account tried (alone and from
        // this address).
        assert_eq!(rows(&t.db, "sign_in_throttle").await, 1 + 2 * 30, "{:?}", t.backend);
        // A day later, idle counters are gone.
        let _ = sign_in(&t.db, "late@example.com", "guess", at("192.0.2.10"), now + Duration::days(2)).await;
        assert_eq!(rows(&t.db, "sign_in_throttle").await, 3, "{:?}", t.backend);
    }
}

#[tokio::test]
async fn over_long_fields_are_refused_before_any_work() {
    for t in testing::all().await {
        let now = Utc::now();
        let huge = format!("{}@example.com", "a".repeat(1_000_000));
        let refused = sign_in(&t.db, &huge, "x", at("192.0.2.3"), now).await;
        assert!(matches!(refused, Err(SignInError::TooLong)), "{refused:?}");
        let refused = sign_in(&t.db, EMAIL, &"p".repeat(1025), at("192.0.2.3"), now).await;
        assert!(matches!(refused, Err(SignInError::TooLong)), "{refused:?}");
        let learner = service::invitations::learner_sign_in(&t.db, &huge, "x".into(), at("192.0.2.3"), now).await;
        assert!(matches!(learner, Err(SignInError::TooLong)), "{learner:?}");
        assert_eq!(rows(&t.db, "sign_in_throttle").await, 0, "{:?}: nothing stored", t.backend);
    }
}

#[tokio::test]
async fn the_learner_sign_in_is_throttled_like_the_admins() {
    for t in testing::all().await {
        let now = Utc::now();
        let client = at("192.0.2.4");
        let mut answers = Vec::new();
        for _ in 0..8 {
            answers.push(
                service::invitations::learner_sign_in(&t.db, "who@example.org", "guess".into(), client, now).await,
            );
        }
        let throttled = answers.iter().filter(|a| matches!(a, Err(SignInError::TooManyAttempts { .. }))).count();
        assert_eq!(throttled, 3, "{:?}: five free guesses per account and address", t.backend);
        // The admin's counters are separate: the same email as an admin is not slowed down.
        auth::create_admin(&t.db, "who@example.org", PASSWORD).await.unwrap();
        assert!(sign_in(&t.db, "who@example.org", PASSWORD, client, now).await.is_ok());
    }
}

#[tokio::test]
async fn free_attempts_read_a_moment_apart_do_not_refuse_each_other() {
    for t in testing::all().await {
        auth::create_admin(&t.db, EMAIL, PASSWORD).await.unwrap();
        let now = Utc::now();
        // A request whose clock was read later reaches the database first (two processes, or a slow hop).
        let later = sign_in(&t.db, "someone@example.com", "guess", at("192.0.2.5"), now + Duration::milliseconds(5));
        assert!(matches!(later.await, Err(SignInError::InvalidCredentials)));
        let earlier = sign_in(&t.db, EMAIL, PASSWORD, at("192.0.2.5"), now).await;
        assert!(earlier.is_ok(), "{:?}: {earlier:?}", t.backend);
    }
}

#[tokio::test]
async fn sign_ins_that_succeed_never_use_up_a_shared_address() {
    for t in testing::all().await {
        // A school's one address: far more successful sign-ins than the address's free attempts, by two admins.
        auth::create_admin(&t.db, EMAIL, PASSWORD).await.unwrap();
        auth::create_admin(&t.db, "other@example.com", PASSWORD).await.unwrap();
        let now = Utc::now();
        for i in 0..40 {
            let email = if i % 2 == 0 { EMAIL } else { "other@example.com" };
            let signed_in = sign_in(&t.db, email, PASSWORD, at("198.51.100.7"), now).await;
            assert!(signed_in.is_ok(), "{:?}: sign-in {i}: {signed_in:?}", t.backend);
        }
        // Failures still count: a spray of wrong passwords over many accounts is slowed down after 30.
        let mut refused = 0;
        for i in 0..35 {
            match sign_in(&t.db, &format!("guess{i}@example.com"), "a wrong passphrase", at("198.51.100.7"), now).await
            {
                Err(SignInError::InvalidCredentials) => {}
                Err(SignInError::TooManyAttempts { .. }) => refused += 1,
                other => panic!("{other:?}"),
            }
        }
        assert_eq!(refused, 5, "{:?}: 30 free failures from the address, then waits", t.backend);
        // And one good password from there does not reset those failures.
        let _ = sign_in(&t.db, EMAIL, PASSWORD, at("198.51.100.7"), now).await;
        let next = sign_in(&t.db, "guess99@example.com", "a wrong passphrase", at("198.51.100.7"), now).await;
        assert!(matches!(next, Err(SignInError::TooManyAttempts { .. })), "{:?}: {next:?}", t.backend);
    }
}
