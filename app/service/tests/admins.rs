//! The admins, against SQLite and a real PostgreSQL: never the last one removed, a removed admin cannot sign in,
//! a password change needs the current one and ends the other sessions.

use chrono::{Duration, Utc};
use domain::Actor;
use service::admins::{self, AdminError};
use service::auth::{ClientAddress, SignIn};
use storage::testing;

const PASSWORD: &str = "a long enough password";

async fn sign_in(db: &storage::DatabaseConnection, email: &str, password: &str) -> Option<String> {
    let request = SignIn { email, password, client: ClientAddress::unknown(), old_token: None };
    service::auth::sign_in(db, Duration::hours(1), request, Utc::now()).await.ok()
}

#[tokio::test]
async fn admins_are_removed_but_never_the_last_and_passwords_change_with_the_current_one() {
    for t in testing::all().await {
        service::auth::create_admin(&t.db, "ada@x.fr", PASSWORD).await.unwrap();
        service::auth::create_admin(&t.db, "bob@x.fr", PASSWORD).await.unwrap();
        let listed = admins::list(&t.db, 1).await.unwrap();
        let (ada, bob) = (listed[0].id, listed[1].id);
        assert!(listed[0].you && !listed[1].you);

        // Two sessions for Ada; she changes her password from the first: the second ends.
        let first = sign_in(&t.db, "ada@x.fr", PASSWORD).await.expect("signed in");
        let second = sign_in(&t.db, "ada@x.fr", PASSWORD).await.expect("signed in");
        assert_eq!(admins::sessions(&t.db, ada, &first).await.unwrap().len(), 2);
        let wrong =
            admins::change_password(&t.db, Actor::admin(ada), &first, "not it".into(), "new one long enough".into());
        assert!(matches!(wrong.await, Err(AdminError::WrongPassword)), "{:?}", t.backend);
        let weak = admins::change_password(&t.db, Actor::admin(ada), &first, PASSWORD.into(), "short".into());
        assert!(matches!(weak.await, Err(AdminError::WeakPassword(_))));
        admins::change_password(&t.db, Actor::admin(ada), &first, PASSWORD.into(), "new one long enough".into())
            .await
            .unwrap();
        assert!(service::auth::authenticate(&t.db, &first).await.unwrap().is_some(), "this session stays");
        assert!(service::auth::authenticate(&t.db, &second).await.unwrap().is_none(), "the other one ended");
        assert!(sign_in(&t.db, "ada@x.fr", PASSWORD).await.is_none());
        assert!(sign_in(&t.db, "ada@x.fr", "new one long enough").await.is_some());

        // Ada removes Bob: his session ends and he cannot sign in; then Ada is the last, and stays.
        let bobs = sign_in(&t.db, "bob@x.fr", PASSWORD).await.expect("signed in");
        assert!(matches!(admins::remove(&t.db, Actor::admin(ada), ada).await, Err(AdminError::Yourself)));
        admins::remove(&t.db, Actor::admin(ada), bob).await.unwrap();
        assert!(service::auth::authenticate(&t.db, &bobs).await.unwrap().is_none(), "{:?}", t.backend);
        assert!(sign_in(&t.db, "bob@x.fr", PASSWORD).await.is_none());
        assert_eq!(admins::list(&t.db, ada).await.unwrap().len(), 1);
        assert!(matches!(admins::remove(&t.db, Actor::admin(bob), ada).await, Err(AdminError::LastAdmin)));
    }
}
