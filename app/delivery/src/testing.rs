//! For tests, this crate's and the server's: a real SMTP server (scripts/smtp-sink.py, Debian's python3-aiosmtpd)
//! on a loopback port with its received messages parsed, and a clock that moves only when the test moves it.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Duration, Utc};

use crate::Clock;

/// A clock for the worker (`DeliveryConfig::clock`) that stands still until the test moves it, so retry delays
/// and leases are proven by moving the time rather than by waiting.
#[derive(Clone)]
pub struct TestClock(Arc<Mutex<DateTime<Utc>>>);

impl TestClock {
    /// Starts at the real time rounded up to the millisecond: invitations queued before are due, and every time
    /// it gives (moved by whole milliseconds) is stored exactly by both databases.
    pub fn new() -> TestClock {
        let millis = Utc::now().timestamp_millis() + 1;
        TestClock(Arc::new(Mutex::new(DateTime::from_timestamp_millis(millis).expect("a valid time"))))
    }

    pub fn now(&self) -> DateTime<Utc> {
        *self.0.lock().expect("the test clock")
    }

    pub fn advance(&self, by: Duration) {
        *self.0.lock().expect("the test clock") += by;
    }

    /// The clock to hand to the worker; it reads this one's time.
    pub fn clock(&self) -> Clock {
        let this = self.clone();
        Clock::new(move || this.now())
    }
}

impl Default for TestClock {
    fn default() -> Self {
        TestClock::new()
    }
}

/// The SMTP sink, killed when dropped.
pub struct Sink {
    child: Child,
    pub dir: PathBuf,
    pub port: u16,
}

impl Sink {
    pub fn start_on(port: u16, dir: PathBuf) -> Sink {
        Sink::start_stalling(port, dir, 30.0)
    }

    /// A sink that makes each recipient whose local part contains "slow" wait `stall` seconds at `RCPT`.
    pub fn start_stalling(port: u16, dir: PathBuf, stall: f64) -> Sink {
        use std::io::BufRead;
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../../scripts/smtp-sink.py");
        let mut child = Command::new("/usr/bin/python3")
            .arg(script)
            .arg(port.to_string())
            .arg(&dir)
            .arg(stall.to_string())
            .stdout(Stdio::piped())
            .spawn()
            .expect("start the SMTP sink (python3-aiosmtpd, installed by scripts/setup.sh)");
        let mut line = String::new();
        std::io::BufReader::new(child.stdout.take().expect("stdout")).read_line(&mut line).expect("sink output");
        assert!(line.starts_with("ready"), "the SMTP sink did not start: {line:?}");
        Sink { child, dir, port }
    }

    pub fn start() -> Sink {
        Sink::start_on(free_port(), temp_dir("mail"))
    }

    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Every received message, parsed.
    pub fn messages(&self) -> Vec<Received> {
        messages_in(&self.dir)
    }
}

impl Drop for Sink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Received {
    pub envelope_to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

fn messages_in(dir: &Path) -> Vec<Received> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p| p.extension().is_some_and(|e| e == "eml"));
    paths.sort();
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).expect("read a message");
            let parsed = mail_parser::MessageParser::default().parse(&bytes).expect("a parsable message");
            Received {
                envelope_to: parsed.header_raw("X-Envelope-To").unwrap_or_default().trim().to_owned(),
                subject: parsed.subject().unwrap_or_default().to_owned(),
                text: parsed.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
                html: parsed.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
            }
        })
        .collect()
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

pub fn temp_dir(what: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("delivery-{what}-{}", storage::tokens::new_token()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
