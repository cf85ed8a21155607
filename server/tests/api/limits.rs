//! The limits at the edge that protect the server's connections: a body that stops arriving is not waited for.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::*;

#[tokio::test]
async fn a_body_that_stops_arriving_is_not_waited_for() {
    let app = spawn_all().await.remove(0);
    let host = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&host).await.unwrap();
    // Announces 100 bytes, sends 7, then nothing: a slow-body attack holds connections this way.
    let head = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: {host}\r\nOrigin: {}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: 100\r\n\r\nemail=a",
        app.address
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    // The server gives up on the body after its idle limit (10 s); without it, this read would wait for ever.
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the connection was still held after 30 s");
    let text = String::from_utf8_lossy(&answer);
    assert!(text.is_empty() || !text.starts_with("HTTP/1.1 2"), "{text}");
}
