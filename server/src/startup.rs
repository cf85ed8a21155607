//! Builds the axum application (pages, server functions, assets, health check, guard) and serves it until
//! SIGTERM or Ctrl-C, finishing the requests under way.

use std::sync::Arc;

use axum::{extract::State, http::StatusCode, middleware, routing::get, Router};
use leptos::prelude::*;
use leptos_axum::{AxumRouteListing, LeptosRoutes};
use leptos_router::{Method, SsrMode};
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};
use tower_http::{compression::CompressionLayer, trace::TraceLayer};

use app::shell;
use app::state::AppState;
use storage::DatabaseConnection;

use crate::configuration::Config;
use crate::downloads;
use crate::edge::{self, EdgePolicy};
use crate::guard::{admin_guard, same_origin};
use secrecy::ExposeSecret;

/// The Leptos options for this site, from the configuration (not from `Cargo.toml`, which is not deployed).
pub fn leptos_options(config: &Config) -> LeptosOptions {
    let mut options = LeptosOptions::builder()
        .output_name("bulk-import")
        .site_root(config.site_root.clone())
        .site_pkg_dir("pkg")
        .site_addr(config.site_addr)
        .hash_files(crate::assets::HASHED)
        .build();
    if std::env::var("LEPTOS_ENV").is_ok_and(|e| e.eq_ignore_ascii_case("prod") || e.eq_ignore_ascii_case("production"))
    {
        options.env = leptos::config::Env::PROD;
    }
    options
}

pub fn build_app(config: &Config, db: DatabaseConnection) -> Router {
    crate::monitoring::install();
    let state = AppState { leptos_options: leptos_options(config), db, config: Arc::new(config.app_config()) };
    let policy =
        EdgePolicy { hosts: Arc::new(config.allowed_hosts()), client_ip_header: config.client_ip_header.clone() };
    // The app's pages, rendered by streaming like Leptos's default, and every server function.
    let routes = app::pages::PATHS
        .iter()
        .map(|path| AxumRouteListing::new(path.to_string(), SsrMode::OutOfOrder, [Method::Get], vec![]))
        .collect();
    Router::new()
        .route("/healthz", get(healthz))
        .route("/import/template.csv", get(template))
        .route("/import/template.xlsx", get(template_xlsx))
        .route("/imports/{id}/report.csv", get(downloads::error_report))
        .route("/users/export.csv", get(downloads::export_csv))
        .merge(crate::api::router(state.clone()))
        .merge(crate::monitoring::router(state.db.clone(), config.metrics_token.as_ref()))
        .route("/users/export.xlsx", get(downloads::export_xlsx))
        .leptos_routes(&state, routes, {
            let options = state.leptos_options.clone();
            move || shell(options.clone())
        })
        .fallback(leptos_axum::file_and_error_handler::<AppState, _>(shell))
        // Layers run last-added first: the host check, the limits, the client's address, the cross-site check,
        // then the guard, then the route (timed by `monitoring::track`, which sees the route that matched).
        .layer(middleware::from_fn(crate::monitoring::track))
        .layer(middleware::from_fn_with_state(state.clone(), admin_guard))
        .layer(middleware::from_fn_with_state(state.clone(), same_origin))
        .layer(middleware::from_fn_with_state(policy.clone(), edge::client_address))
        .layer(middleware::from_fn(edge::body_limits))
        .layer(RequestBodyTimeoutLayer::new(edge::BODY_IDLE_TIMEOUT))
        .layer(TimeoutLayer::with_status_code(StatusCode::REQUEST_TIMEOUT, edge::REQUEST_TIMEOUT))
        .layer(GlobalConcurrencyLimitLayer::new(edge::CONCURRENT_REQUESTS))
        .layer(middleware::from_fn(crate::assets::cache_control))
        // Files precompressed at build time are served as they are; everything else is compressed on the fly.
        .layer(CompressionLayer::new())
        .layer(middleware::from_fn_with_state(policy, edge::known_host))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// The CSV template the Add users panel offers, generated from the rules' column definitions.
async fn template() -> impl axum::response::IntoResponse {
    (
        [
            (axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (axum::http::header::CONTENT_DISPOSITION, "attachment; filename=\"users-template.csv\""),
        ],
        rules::template_csv(),
    )
}

/// The Excel template (`crate::template`), in the admin's language (the `lang` cookie). Admin-only like the CSV
/// one: neither is on the guard's public list.
async fn template_xlsx(headers: axum::http::HeaderMap) -> axum::response::Response {
    use axum::http::header;
    use axum::response::IntoResponse;
    let lang = headers
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(app::i18n::lang_from_cookie_header)
        .unwrap_or_default();
    match crate::template::template_xlsx(lang) {
        Ok(bytes) => (
            [
                (header::CONTENT_TYPE, crate::template::XLSX_CONTENT_TYPE),
                (header::CONTENT_DISPOSITION, "attachment; filename=\"users-template.xlsx\""),
            ],
            bytes,
        )
            .into_response(),
        Err(err) => {
            tracing::error!(error = %err, "could not build the Excel template");
            crate::edge::error_response(StatusCode::INTERNAL_SERVER_ERROR, &app::error::AppError::Internal)
        }
    }
}

async fn healthz(State(state): State<AppState>) -> StatusCode {
    match state.db.ping().await {
        Ok(()) => StatusCode::OK,
        Err(err) => {
            tracing::warn!(error = %err, "health check: database unreachable");
            StatusCode::SERVICE_UNAVAILABLE
        }
    }
}

/// Connects to the database (running migrations) and creates the first admin if there is none.
pub async fn prepare_database(config: &Config) -> Result<DatabaseConnection, storage::DbErr> {
    tracing::info!(database = %config.database_url_redacted(), "connecting to the database");
    let db = storage::connect(config.database_url()).await?;
    match service::auth::ensure_first_admin(&db, &config.first_admin_email).await {
        Ok(Some(password)) => {
            // Printed once, on the console only (never through the logs): the admin changes nothing else.
            println!(
                "\nFirst start: created the admin account {}\n  one-time password: {password}\n  \
                 Sign in at the app, and keep this password somewhere safe; it is not shown again.\n  \
                 More admins: server create-admin EMAIL\n",
                config.first_admin_email
            );
        }
        Ok(None) => {}
        Err(err) => tracing::error!(error = %err, "could not create the first admin"),
    }
    Ok(db)
}

pub async fn serve(config: Config) -> Result<(), String> {
    let db = prepare_database(&config)
        .await
        .map_err(|e| format!("cannot open the database {}: {e}", config.database_url_redacted()))?;
    let mailer = config.mailer()?;
    match &config.smtp_url {
        Some(url) => println!("Invitations are sent through {}", crate::configuration::redact(url.expose_secret())),
        None => println!("No SMTP_URL: invitations are written as .eml files in {}/", config.mail_dir),
    }
    // The delivery worker runs beside the web server and stops with it (after the email under way).
    let stop_worker = delivery::CancellationToken::new();
    let worker = delivery::Worker::new(db.clone(), mailer, config.delivery_config());
    let worker = tokio::spawn(worker.run(stop_worker.clone()));
    let upkeep = tokio::spawn(search_upkeep(db.clone(), stop_worker.clone()));
    let app = build_app(&config, db);
    let listener = tokio::net::TcpListener::bind(config.site_addr)
        .await
        .map_err(|e| format!("cannot listen on {}: {e}", config.site_addr))?;
    tracing::info!("listening on http://{}", config.site_addr);
    println!("Serving the app at {}", config.public_url());
    axum::serve(listener, app.into_make_service_with_connect_info::<std::net::SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await
        .map_err(|e| format!("server error: {e}"))?;
    stop_worker.cancel();
    let _ = worker.await;
    let _ = upkeep.await;
    tracing::info!("stopped");
    Ok(())
}

/// How often the SQLite search index gets a merge step (see `storage::search::merge_step`).
const SEARCH_UPKEEP_EVERY: std::time::Duration = std::time::Duration::from_secs(2);

/// Merges the SQLite search index's segments a bounded step at a time, beside the web server, until `stop`: the
/// admins' writes then never pay for a merge. Every process may run it (SQLite serialises the writes); PostgreSQL
/// needs none.
async fn search_upkeep(db: DatabaseConnection, stop: delivery::CancellationToken) {
    if storage::Backend::of(&db) != storage::Backend::Sqlite {
        return;
    }
    let mut every = tokio::time::interval(SEARCH_UPKEEP_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = stop.cancelled() => return,
            _ = every.tick() => {
                if let Err(err) = storage::search::merge_step(&db).await {
                    tracing::warn!(error = %err, "search index upkeep failed; tried again in a moment");
                }
            }
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = terminate => {},
    }
    tracing::info!("shutting down: finishing the requests under way");
}
