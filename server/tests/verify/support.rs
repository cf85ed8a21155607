//! What the campaign's tests share: the size they run at, real server processes, a load balancer, timings.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use delivery::testing::{free_port, temp_dir};

/// Whether this is `make verify` (full size) rather than `make test`'s smoke.
pub fn full() -> bool {
    std::env::var("VERIFY").as_deref() == Ok("full")
}

/// A `server` process, killed when dropped; its log (stderr) is kept in a file.
pub struct Server {
    child: Child,
    pub address: String,
    pub addr: SocketAddr,
    pub log: PathBuf,
}

impl Server {
    /// Starts a server on `database_url` with these settings, and waits for its health check.
    pub async fn start(database_url: &str, settings: &[(&str, String)]) -> Server {
        let port = free_port();
        let dir = temp_dir("server");
        let log = dir.join("server.log");
        let mut command = Command::new(env!("CARGO_BIN_EXE_server"));
        command
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", &dir)
            .env("MAIL_DIR", dir.join("mail"))
            .env("RUST_LOG", "warn");
        for (name, value) in settings {
            command.env(name, value);
        }
        let child = command
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&log).expect("log file"))
            .spawn()
            .expect("start the server");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        let server = Server { child, address: format!("http://{addr}"), addr, log };
        wait_healthy(&server.address).await;
        server
    }

    pub fn log_text(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// SIGKILL: no shutdown, no cleanup, as when the machine loses power.
    pub fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

pub async fn wait_healthy(address: &str) {
    let client = reqwest::Client::new();
    let start = Instant::now();
    loop {
        if let Ok(response) = client.get(format!("{address}/healthz")).send().await {
            if response.status().is_success() {
                return;
            }
        }
        assert!(start.elapsed() < Duration::from_secs(60), "{address} did not become healthy");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A TCP load balancer on `listener`: each new connection goes to the next backend in turn, the way several
/// server instances stand behind one address.
pub fn balance(listener: tokio::net::TcpListener, backends: Vec<SocketAddr>) {
    tokio::spawn(async move {
        let mut next = 0;
        while let Ok((mut inbound, _)) = listener.accept().await {
            let backend = backends[next % backends.len()];
            next += 1;
            tokio::spawn(async move {
                if let Ok(mut outbound) = tokio::net::TcpStream::connect(backend).await {
                    let _ = tokio::io::copy_bidirectional(&mut inbound, &mut outbound).await;
                }
            });
        }
    });
}

/// The `q`-th quantile (0 to 1) of some durations, in milliseconds.
pub fn quantile_ms(sorted: &[Duration], q: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index].as_secs_f64() * 1000.0
}

/// The recipients of every message an SMTP sink received, read from the first line of each file (the sink
/// writes `X-Envelope-To` first).
pub fn recipients(dir: &std::path::Path) -> Vec<String> {
    use std::io::BufRead;
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "eml"))
        .filter_map(|p| {
            let mut line = String::new();
            std::io::BufReader::new(std::fs::File::open(p).ok()?).read_line(&mut line).ok()?;
            Some(line.trim().trim_start_matches("X-Envelope-To:").trim().to_owned())
        })
        .collect()
}

/// Signs in through the server function, as the sign-in page does; returns the `session=...` cookie pair.
pub async fn sign_in(client: &reqwest::Client, address: &str, email: &str, password: &str) -> String {
    let response = client
        .post(format!("{address}/api/sign_in"))
        .header("origin", address)
        .header("accept", "application/json")
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .expect("sign in");
    let cookie = response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).find_map(|v| {
        v.split(';').next().filter(|pair| pair.starts_with("session=") && pair.len() > 8).map(str::to_owned)
    });
    cookie.unwrap_or_else(|| panic!("{email} signs in: {}", response.status()))
}
