//! Reading and writing LSP messages (a `Content-Length` header, then JSON), with limits: a
//! message larger than [`MAX_MESSAGE_BYTES`] or one that is not JSON-RPC is skipped with a
//! note on standard error, so a broken client cannot stop or exhaust the server.

use std::io::{self, BufRead, Read, Write};
use std::sync::mpsc::{Receiver, sync_channel};

use lsp_server::Message;

/// The largest message read: a definition is at most 8 MiB, and its JSON escaping can
/// double that.
pub const MAX_MESSAGE_BYTES: usize = 32 * 1024 * 1024;

/// What the reader passes on.
pub enum Incoming {
    /// A message.
    Message(Message),
    /// The input ended (or its framing broke and no further message can be found).
    End,
}

/// Starts the thread that reads messages from standard input.
pub fn spawn_reader() -> Receiver<Incoming> {
    let (sender, receiver) = sync_channel(16);
    std::thread::Builder::new()
        .name("lsp-reader".into())
        .spawn(move || {
            let stdin = io::stdin();
            let mut input = stdin.lock();
            loop {
                let incoming = match read_message(&mut input) {
                    Ok(Some(message)) => Incoming::Message(message),
                    Ok(None) => Incoming::End,
                    Err(Skip(reason)) => {
                        eprintln!("isagen lsp: skipped a malformed message: {reason}");
                        continue;
                    }
                    Err(Broken(reason)) => {
                        eprintln!("isagen lsp: cannot read further messages: {reason}");
                        Incoming::End
                    }
                };
                let end = matches!(incoming, Incoming::End);
                if sender.send(incoming).is_err() || end {
                    break;
                }
            }
        })
        .expect("the reader thread starts");
    receiver
}

/// Why a message was not read.
pub enum ReadError {
    /// This message is bad; the next may be read.
    Skip(String),
    /// The stream cannot be read further.
    Broken(String),
}
use ReadError::{Broken, Skip};

/// Reads one message; `Ok(None)` at the end of input.
pub fn read_message(input: &mut impl BufRead) -> Result<Option<Message>, ReadError> {
    let mut length: Option<usize> = None;
    let mut too_long = false;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(8 * 1024)
            .read_until(b'\n', &mut line)
            .map_err(|e| Broken(e.to_string()))?;
        if read == 0 {
            return if saw_header {
                Err(Broken("the input ended inside a message header".into()))
            } else {
                Ok(None)
            };
        }
        if !line.ends_with(b"\n") {
            return Err(Broken("a header line is too long".into()));
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            if !saw_header {
                // Blank lines between messages are tolerated.
                continue;
            }
            break;
        }
        saw_header = true;
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            match value.trim().parse::<usize>() {
                Ok(n) if n <= MAX_MESSAGE_BYTES => length = Some(n),
                Ok(_) => too_long = true,
                Err(_) => return Err(Broken(format!("bad Content-Length `{}`", value.trim()))),
            }
        }
    }
    if too_long {
        // The body cannot be skipped safely without reading it all; stop.
        return Err(Broken(format!(
            "a message is larger than {MAX_MESSAGE_BYTES} bytes"
        )));
    }
    let Some(length) = length else {
        return Err(Broken("a message has no Content-Length".into()));
    };
    let mut body = vec![0; length];
    input
        .read_exact(&mut body)
        .map_err(|e| Broken(e.to_string()))?;
    let text = String::from_utf8(body).map_err(|_| Skip("the body is not UTF-8".into()))?;
    serde_json::from_str::<Message>(&text)
        .map(Some)
        .map_err(|e| Skip(format!("not a JSON-RPC message: {e}")))
}

/// Writes `message` to `output` and flushes it.
pub fn write_message(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    #[test]
    fn bad_messages_are_skipped_and_good_ones_read() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let text = frame("{not json") + &frame(r#"{"jsonrpc":"2.0"}"#) + &frame(good);
        let mut input = io::Cursor::new(text.into_bytes());
        assert!(matches!(read_message(&mut input), Err(Skip(_))));
        assert!(matches!(read_message(&mut input), Err(Skip(_))));
        assert!(matches!(read_message(&mut input), Ok(Some(_))));
        assert!(matches!(read_message(&mut input), Ok(None)));
    }

    #[test]
    fn a_huge_length_is_refused_without_allocating() {
        let text = "Content-Length: 99999999999999\r\n\r\n{}";
        let mut input = io::Cursor::new(text.as_bytes().to_vec());
        assert!(matches!(read_message(&mut input), Err(Broken(_))));
        let text = "Content-Length: x\r\n\r\n";
        let mut input = io::Cursor::new(text.as_bytes().to_vec());
        assert!(matches!(read_message(&mut input), Err(Broken(_))));
    }
}
