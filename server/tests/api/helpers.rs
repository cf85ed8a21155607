//! Spawning the app for a test, and speaking to it like the browser does.

use reqwest::{header, redirect, Client, Response};
use server::configuration::Config;
use storage::testing::{self, TestDb};

pub const ADMIN_EMAIL: &str = "admin@example.com";
pub const ADMIN_PASSWORD: &str = "a-long-enough-password";

pub struct TestApp {
    pub address: String,
    pub backend: storage::Backend,
    pub db_url: String,
    pub client: Client,
}

/// One running app per available backend, each on a fresh database with one admin.
pub async fn spawn_all() -> Vec<TestApp> {
    let mut apps = Vec::new();
    for t in testing::all().await {
        service::auth::create_admin(&t.db, ADMIN_EMAIL, ADMIN_PASSWORD).await.unwrap();
        apps.push(spawn_on(&t).await);
    }
    apps
}

/// Another server instance on the same database.
pub async fn spawn_on(t: &TestDb) -> TestApp {
    spawn_url(&t.url, t.backend).await
}

pub async fn spawn_url(db_url: &str, backend: storage::Backend) -> TestApp {
    spawn_with(db_url, backend, &[]).await
}

/// An app with more settings (`CLIENT_IP_HEADER`...), on the given database.
pub async fn spawn_with(db_url: &str, backend: storage::Backend, settings: &[(&str, &str)]) -> TestApp {
    let settings: Vec<(String, String)> = settings.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let db_url_owned = db_url.to_owned();
    let config = Config::from_lookup(move |name| match name {
        "DATABASE_URL" => Some(db_url_owned.clone()),
        "LEPTOS_SITE_ADDR" => Some(addr.to_string()),
        other => settings.iter().find(|(k, _)| k == other).map(|(_, v)| v.clone()),
    })
    .unwrap();
    let db = storage::connect(config.database_url()).await.unwrap();
    let router = server::startup::build_app(&config, db);
    tokio::spawn(async move {
        axum::serve(listener, router.into_make_service_with_connect_info::<std::net::SocketAddr>()).await.unwrap();
    });
    TestApp {
        address: format!("http://{addr}"),
        backend,
        db_url: db_url.to_owned(),
        client: Client::builder().redirect(redirect::Policy::none()).build().unwrap(),
    }
}

impl TestApp {
    /// Calls a server function the way the hydrated page does (form-encoded POST, same-origin).
    pub async fn call(&self, name: &str, form: &[(&str, &str)], cookie: Option<&str>) -> Response {
        let mut request = self
            .client
            .post(format!("{}/api/{name}", self.address))
            .header(header::ORIGIN, &self.address)
            .header(header::ACCEPT, "application/json")
            .form(form);
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        request.send().await.unwrap()
    }

    /// Confirms an import through the `confirm_import` server function as the panel does (a JSON body,
    /// same-origin): `request` is the function's `request` argument.
    pub async fn confirm_import(&self, cookie: &str, request: serde_json::Value) -> Response {
        self.client
            .post(format!("{}/api/confirm_import", self.address))
            .header(header::ORIGIN, &self.address)
            .header(header::COOKIE, cookie)
            .json(&serde_json::json!({ "request": request }))
            .send()
            .await
            .unwrap()
    }

    /// Signs in and returns the `session=...` cookie pair.
    pub async fn sign_in(&self, email: &str, password: &str) -> Result<String, Response> {
        let response = self.call("sign_in", &[("email", email), ("password", password)], None).await;
        session_cookie(&response).ok_or(response)
    }

    pub async fn admin_cookie(&self) -> String {
        self.sign_in(ADMIN_EMAIL, ADMIN_PASSWORD).await.expect("the admin signs in")
    }
}

/// The `session=...` pair a response sets, if it sets a non-empty one.
pub fn session_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .filter_map(|v| v.split(';').next())
        .find(|pair| pair.starts_with("session=") && pair.len() > "session=".len())
        .map(str::to_owned)
}

pub fn set_cookie_header(response: &Response) -> String {
    response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("session="))
        .unwrap_or_default()
        .to_owned()
}
