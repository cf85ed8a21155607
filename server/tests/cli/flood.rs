//! A flood of sign-ins against the real server process: 300 at once, each from its own address (a botnet gets
//! past any per-address count) with an unknown email, so every one would cost an Argon2 hash. The process's
//! peak memory stays bounded and `/healthz` keeps answering; the requests beyond the hashing queue are told to
//! come back (503 with `Retry-After`), none fails with a server error.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use delivery::testing::{free_port, temp_dir};

/// The process's peak resident memory (`VmHWM`), in MiB.
fn peak_mib(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map(|kb| kb / 1024)
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn three_hundred_parallel_sign_ins_keep_memory_bounded_and_the_health_check_answering() {
    let t = storage::testing::sqlite().await;
    let dir = temp_dir("flood");
    let port = free_port();
    let address = format!("http://127.0.0.1:{port}");
    let mut server = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", &t.url)
        .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
        .env("LEPTOS_SITE_ROOT", &dir)
        .env("MAIL_DIR", dir.join("mail"))
        .env("CLIENT_IP_HEADER", "X-Forwarded-For")
        .env("RUST_LOG", "warn")
        .stdout(Stdio::null())
        .spawn()
        .expect("start the server");
    let client = reqwest::Client::builder().pool_max_idle_per_host(0).build().unwrap();
    let start = Instant::now();
    while client.get(format!("{address}/healthz")).send().await.is_err() {
        assert!(start.elapsed() < Duration::from_secs(60), "the server did not start");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let before = peak_mib(server.id());

    let flood: Vec<_> = (0..300)
        .map(|i| {
            let (client, address) = (client.clone(), address.clone());
            tokio::spawn(async move {
                client
                    .post(format!("{address}/api/learner_sign_in"))
                    .header("origin", &address)
                    .header("accept", "application/json")
                    .header("x-forwarded-for", format!("10.{}.{}.{}", i / 65536, (i / 256) % 256, i % 256))
                    .form(&[("email", format!("nobody{i}@example.org")), ("password", "a guessed password".into())])
                    .send()
                    .await
            })
        })
        .collect();
    // The health check, meanwhile, every 100 ms until the flood is over.
    let health = {
        let (client, address) = (client.clone(), address.clone());
        tokio::spawn(async move {
            let mut answers = Vec::new();
            for _ in 0..30 {
                let answer =
                    tokio::time::timeout(Duration::from_secs(10), client.get(format!("{address}/healthz")).send())
                        .await;
                answers.push(matches!(answer, Ok(Ok(r)) if r.status().is_success()));
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            answers
        })
    };
    let (mut answered, mut busy) = (0, 0);
    for request in flood {
        let response = request.await.unwrap().expect("every request gets an answer");
        let status = response.status();
        assert!(status == 200 || status == 503, "{status}: {}", response.text().await.unwrap_or_default());
        if status == 503 {
            assert!(response.headers().contains_key("retry-after"));
            busy += 1;
        } else {
            answered += 1;
        }
    }
    let health = health.await.unwrap();
    let peak = peak_mib(server.id());
    let _ = server.kill();
    let _ = server.wait();
    println!(
        "300 sign-ins: {answered} answered, {busy} told to retry; peak memory {before} MiB before, {peak} MiB after"
    );
    assert!(answered >= 2, "some were checked");
    assert!(health.iter().all(|ok| *ok), "the health check answered every time: {health:?}");
    // Unbounded, 200 such requests took the server to 3.8 GB; bounded, a few hashes of 19 MiB run at once.
    assert!(peak < before + 200, "peak memory {peak} MiB (from {before} MiB)");
}
