//! API tokens, against SQLite and a real PostgreSQL: a created token authenticates as its admin until it expires,
//! is revoked or its admin is removed, and each refusal says which; uses are recorded, and the activity log holds
//! one entry per creation and revocation.

use chrono::{Duration, Utc};
use domain::Actor;
use service::tokens::{self, AuthError, Rejection, TokenError, TOKEN_PREFIX};
use storage::testing;

const PASSWORD: &str = "a long enough password";

fn bearer(secret: &str) -> String {
    format!("Bearer {secret}")
}

/// The refusal `authenticate` gives for this header value (a test failure when it accepts it).
async fn rejection(db: &storage::DatabaseConnection, authorization: Option<&str>) -> Rejection {
    match tokens::authenticate(db, authorization).await {
        Err(AuthError::Rejected(rejection)) => rejection,
        other => panic!("{authorization:?} should be refused, got {other:?}"),
    }
}

#[tokio::test]
async fn a_token_acts_as_its_admin_until_revoked_and_each_refusal_says_why() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        let ada = storage::admins::find_by_email(&t.db, "ada@x.fr").await.unwrap().expect("ada").id;

        let created = tokens::create(&t.db, Actor::admin(ada), "  SIS nightly  ", Some(30)).await.unwrap();
        let secret = &created.secret;
        assert!(secret.starts_with(TOKEN_PREFIX) && secret.len() == TOKEN_PREFIX.len() + 43, "{secret}");
        assert!(secret[TOKEN_PREFIX.len()..].chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(created.token.name, "SIS nightly", "the name is trimmed");
        assert_eq!(created.token.admin, "ada@x.fr");
        assert!(created.token.live && created.token.expires_at.is_some() && created.token.last_used_at.is_none());

        // The database keeps the hash only.
        let stored = storage::api_tokens::find_by_id(&t.db, created.token.id).await.unwrap().expect("stored");
        assert_ne!(stored.token_hash, *secret);
        assert_eq!(stored.token_hash, storage::tokens::hash_token(secret));

        // A good token: its admin, through it; the scheme is case-insensitive.
        let actor = tokens::authenticate(&t.db, Some(&bearer(secret))).await.unwrap();
        assert_eq!(actor, Actor { admin_id: ada, token_id: Some(created.token.id) }, "{:?}", t.backend);
        let lower = tokens::authenticate(&t.db, Some(&format!("bearer {secret}"))).await.unwrap();
        assert_eq!(lower.token_id, Some(created.token.id));
        let listed = tokens::list(&t.db).await.unwrap();
        assert_eq!(listed.len(), 1);
        assert!(listed[0].last_used_at.is_some(), "the use is recorded on {:?}", t.backend);

        // Missing, or not a bearer token at all.
        assert_eq!(rejection(&t.db, None).await, Rejection::Missing);
        assert_eq!(rejection(&t.db, Some("  ")).await, Rejection::Missing);
        assert_eq!(rejection(&t.db, Some(secret)).await, Rejection::Missing, "no scheme");
        assert_eq!(rejection(&t.db, Some(&format!("Basic {secret}"))).await, Rejection::Missing);
        // Wrong: malformed, or well-formed but never issued.
        assert_eq!(rejection(&t.db, Some("Bearer nope")).await, Rejection::Wrong);
        let forged = format!("{TOKEN_PREFIX}{}", storage::tokens::new_token());
        assert_eq!(rejection(&t.db, Some(&bearer(&forged))).await, Rejection::Wrong);
        let altered = format!("{}{}", &secret[..secret.len() - 1], if secret.ends_with('A') { 'B' } else { 'A' });
        assert_eq!(rejection(&t.db, Some(&bearer(&altered))).await, Rejection::Wrong);

        // Expired: made with storage directly, its expiry already past.
        let old = format!("{TOKEN_PREFIX}{}", storage::tokens::new_token());
        let now = Utc::now();
        let hash = storage::tokens::hash_token(&old);
        storage::api_tokens::create(&t.db, ada, "old", &hash, now - Duration::days(40), Some(now - Duration::days(10)))
            .await
            .unwrap();
        assert_eq!(rejection(&t.db, Some(&bearer(&old))).await, Rejection::Expired, "{:?}", t.backend);
        let listed = tokens::list(&t.db).await.unwrap();
        assert_eq!(
            listed.iter().map(|r| (r.name.as_str(), r.live)).collect::<Vec<_>>(),
            [("old", false), ("SIS nightly", true)]
        );

        // Revoked: refused at once; a second revocation finds no live token.
        tokens::revoke(&t.db, Actor::admin(ada), created.token.id).await.unwrap();
        assert_eq!(rejection(&t.db, Some(&bearer(secret))).await, Rejection::Revoked);
        assert!(matches!(tokens::revoke(&t.db, Actor::admin(ada), created.token.id).await, Err(TokenError::NotFound)));
        assert!(matches!(tokens::revoke(&t.db, Actor::admin(ada), 999_999).await, Err(TokenError::NotFound)));
        let revoked = tokens::list(&t.db).await.unwrap().into_iter().find(|r| r.id == created.token.id).unwrap();
        assert!(!revoked.live && revoked.revoked_at.is_some());

        // One entry for the creation and one for the revocation (the one made with storage directly is not a
        // use case, so it has none), each naming the token and its admin.
        let (log, _) = storage::activity::page(&t.db, None, None, None, 50).await.unwrap();
        let of = |action: &str| log.iter().filter(|e| e.action == action).collect::<Vec<_>>();
        let (made, ended) = (of("token.create"), of("token.revoke"));
        assert_eq!((made.len(), ended.len()), (1, 1), "{log:?}");
        for entry in [made[0], ended[0]] {
            assert_eq!((entry.admin_id, entry.subject_id), (Some(ada), Some(created.token.id)));
        }
    }
}

#[tokio::test]
async fn a_removed_admins_token_counts_as_revoked() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        service::auth::create_admin(&t.db, "bob@x.fr", PASSWORD).await.unwrap();
        let ada = storage::admins::find_by_email(&t.db, "ada@x.fr").await.unwrap().expect("ada").id;
        let bob = storage::admins::find_by_email(&t.db, "bob@x.fr").await.unwrap().expect("bob").id;
        let bobs = tokens::create_for_email(&t.db, " Bob@X.fr ", "Bob's script", None).await.unwrap();
        assert_eq!(bobs.token.admin, "bob@x.fr");
        assert!(bobs.token.expires_at.is_none(), "no expiry given: until revoked");
        let actor = tokens::authenticate(&t.db, Some(&bearer(&bobs.secret))).await.unwrap();
        assert_eq!(actor.admin_id, bob);

        service::admins::remove(&t.db, Actor::admin(ada), bob).await.unwrap();
        assert_eq!(rejection(&t.db, Some(&bearer(&bobs.secret))).await, Rejection::Revoked, "{:?}", t.backend);
        // Nor can a new one be made for him from the command line.
        let again = tokens::create_for_email(&t.db, "bob@x.fr", "again", None).await;
        assert!(matches!(again, Err(TokenError::NoSuchAdmin)), "{again:?}");
    }
}

#[tokio::test]
async fn names_and_lifetimes_out_of_bounds_are_refused() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        let ada = Actor::admin(storage::admins::find_by_email(&t.db, "ada@x.fr").await.unwrap().expect("ada").id);
        for name in ["", "   ", "tab\there", &"x".repeat(domain::MAX_TOKEN_NAME_CHARS + 1)] {
            assert!(matches!(tokens::create(&t.db, ada, name, None).await, Err(TokenError::BadName)), "{name:?}");
        }
        for days in [0, tokens::MAX_EXPIRY_DAYS + 1] {
            assert!(matches!(tokens::create(&t.db, ada, "n", Some(days)).await, Err(TokenError::BadExpiry)), "{days}");
        }
        let longest = "é".repeat(domain::MAX_TOKEN_NAME_CHARS);
        tokens::create(&t.db, ada, &longest, Some(tokens::MAX_EXPIRY_DAYS)).await.unwrap();
        assert!(matches!(
            tokens::create_for_email(&t.db, "nobody@x.fr", "n", None).await,
            Err(TokenError::NoSuchAdmin)
        ));
        assert_eq!(tokens::list(&t.db).await.unwrap().len(), 1, "only the valid one was made on {:?}", t.backend);
    }
}
