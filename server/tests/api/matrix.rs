//! The authorisation matrix: every page and server function, asked by an anonymous visitor, an expired session
//! and an admin, from this site, from another site (three ways a browser says so) and under a foreign `Host`.
//! One table says who gets what; a new server function is covered by being registered.

use reqwest::{header, Method, StatusCode};
use sea_orm::ConnectionTrait;

use crate::helpers::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Who {
    Anonymous,
    Expired,
    Admin,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum From {
    SameOrigin,
    CrossOrigin,
    NullOrigin,
    CrossSiteFetch,
    ForeignHost,
}

/// What must happen, by kind of answer.
#[derive(Debug, PartialEq, Eq)]
enum Expect {
    /// Reaches the page or function (whatever it then says about the arguments): not refused by the guards.
    Served,
    SignIn,
    Unauthorized,
    CrossSite,
    WrongHost,
}

fn expect(public: bool, page: bool, who: Who, from: From) -> Expect {
    match from {
        From::ForeignHost => return Expect::WrongHost,
        // Pages are read with GET, which a cross-site link may do; changing anything needs this site.
        From::CrossOrigin | From::NullOrigin | From::CrossSiteFetch if !page => return Expect::CrossSite,
        _ => {}
    }
    match (public, who) {
        (true, _) | (false, Who::Admin) => Expect::Served,
        (false, _) if page => Expect::SignIn,
        (false, _) => Expect::Unauthorized,
    }
}

fn observed(status: StatusCode, location: Option<&str>, body: &str) -> Expect {
    match status {
        StatusCode::MISDIRECTED_REQUEST => Expect::WrongHost,
        StatusCode::FORBIDDEN if body.contains("CrossSite") => Expect::CrossSite,
        StatusCode::UNAUTHORIZED if body.contains("Unauthorized") => Expect::Unauthorized,
        s if s.is_redirection() && location.is_some_and(|l| l.starts_with("/sign-in")) => Expect::SignIn,
        _ => Expect::Served,
    }
}

#[tokio::test]
async fn every_route_answers_each_visitor_as_the_table_says() {
    let mut functions: Vec<String> = server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    // Signing out ends the admin's session: last, so every other function is asked with a live one.
    functions.sort_by_key(|path| path == "/api/sign_out");
    assert!(functions.len() >= 11, "the app's server functions are registered: {functions:?}");
    let pages: Vec<String> = app::pages::PATHS.iter().map(|p| p.replace("{token}", "some-token")).collect();
    for t in storage::testing::all().await {
        service::auth::create_admin(&t.db, ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
        let app = spawn_on(&t).await;
        let admin = app.admin_cookie().await;
        let expired = app.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
        let token = expired.trim_start_matches("session=");
        let hash = storage::tokens::hash_token(token);
        t.db.execute_unprepared(&format!(
            "UPDATE sessions SET expires_at = '2000-01-01 00:00:00+00:00' WHERE token_hash = '{hash}'"
        ))
        .await
        .unwrap();
        let mut checked = 0;
        let routes = pages.iter().map(|p| (p.as_str(), true)).chain(functions.iter().map(|f| (f.as_str(), false)));
        for (path, page) in routes {
            let public = server::guard::is_public(path);
            for who in [Who::Anonymous, Who::Expired, Who::Admin] {
                for from in
                    [From::SameOrigin, From::CrossOrigin, From::NullOrigin, From::CrossSiteFetch, From::ForeignHost]
                {
                    let method = if page { Method::GET } else { Method::POST };
                    let mut request = app
                        .client
                        .request(method, format!("{}{path}", app.address))
                        .header(header::ACCEPT, "application/json");
                    request = match from {
                        From::SameOrigin => request.header(header::ORIGIN, &app.address),
                        From::CrossOrigin => request.header(header::ORIGIN, "https://evil.example"),
                        From::NullOrigin => request.header(header::ORIGIN, "null"),
                        From::CrossSiteFetch => request.header("sec-fetch-site", "cross-site"),
                        From::ForeignHost => {
                            request.header(header::HOST, "evil.example").header(header::ORIGIN, "http://evil.example")
                        }
                    };
                    match who {
                        Who::Anonymous => {}
                        Who::Expired => request = request.header(header::COOKIE, &expired),
                        Who::Admin => request = request.header(header::COOKIE, &admin),
                    }
                    if !page {
                        request = request.header(header::CONTENT_TYPE, "application/x-www-form-urlencoded").body("");
                    }
                    let response = request.send().await.unwrap();
                    let status = response.status();
                    let location = response.headers().get(header::LOCATION).map(|l| l.to_str().unwrap().to_owned());
                    let body = response.text().await.unwrap();
                    let got = observed(status, location.as_deref(), &body);
                    assert_eq!(
                        got,
                        expect(public, page, who, from),
                        "{:?}: {path} by {who:?} from {from:?}: {status} {body:.200}",
                        t.backend
                    );
                    assert!(!status.is_server_error(), "{path} by {who:?} from {from:?}: {status} {body:.200}");
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, (pages.len() + functions.len()) * 15);
    }
}

#[tokio::test]
async fn no_server_function_answers_get() {
    let functions: Vec<String> = server_fn::axum::server_fn_paths().map(|(path, _)| path.to_owned()).collect();
    for app in spawn_all().await {
        let admin = app.admin_cookie().await;
        for path in &functions {
            let response =
                app.client.get(format!("{}{path}", app.address)).header(header::COOKIE, &admin).send().await.unwrap();
            assert!(
                !response.status().is_success() && !response.status().is_server_error(),
                "{:?}: GET {path} answered {}",
                app.backend,
                response.status()
            );
        }
    }
}
