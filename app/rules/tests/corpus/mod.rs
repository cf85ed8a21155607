//! The rules' test files: hand-written ones for every kind of file an admin drops, and deterministic
//! pseudo-random ones. Shared by the rules' own tests (native and wasm) and by the server's, which check that the
//! API's dry run and `server check --json` answer the same for each of them.

pub fn fixtures() -> Vec<(&'static str, Vec<u8>)> {
    let header = "firstname,lastname,email,identifier,country,language\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in "prénom\tnom\tcourriel\tlangue\r\nJosé\tNúñez\tjose@example.es\tes\r\n".encode_utf16() {
        utf16.extend_from_slice(&unit.to_le_bytes());
    }
    vec![
        ("valid", format!("{header}Ana,Roux,ana@example.fr,A-1,FR,fr\n").into_bytes()),
        (
            "every row code",
            format!(
                "{header},,,,,\nAn4,Ro$,a@b,x/y,fr,EN\nAna,Roux,x@example.fr,A,UK,eng\nAna,Roux,X@example.fr,A,FR,ja\n"
            )
            .into_bytes(),
        ),
        (
            "excel fr",
            b"\xEF\xBB\xBFPr\xC3\xA9nom;Nom;E-mail;Langue\r\n\xC3\x89lodie;Lef\xC3\xA8vre;e@example.fr;fr\r\n".to_vec(),
        ),
        ("windows-1252", b"firstname;lastname;email;language\r\nH\xE9l\xE8ne;M\xFCller;h@example.de;de\r\n".to_vec()),
        ("utf-16", utf16),
        ("unknown columns", b"Email,Notes,First Name,Last Name,Language\na@example.fr,x,Ana,Roux,fr\n".to_vec()),
        ("missing columns", b"firstname,email\nAna,a@example.fr\n".to_vec()),
        ("duplicate columns", b"email,e-mail,firstname,lastname,language\n".to_vec()),
        ("unclosed quote", format!("{header}Ana,\"Roux,a@example.fr,,,fr\n").into_bytes()),
        (
            // NFC and combining marks: the browser takes them from the JavaScript engine, natively from a crate.
            "unicode forms",
            format!(
                "{header}E\u{301}lodie,\u{212B}ngstr\u{F6}m,e@example.fr,,,fr\n\
                 \u{1100}\u{1161}\u{11A8},Ra\u{301}\u{323}j,k@example.fr,,,en\n\
                 \u{928}\u{93F}\u{924}\u{93F}\u{928},O\u{20DD},n@example.fr,,,en\n\
                 {},\u{301}x,l@example.fr,,,en\n{},A,m@example.fr,,,en\n",
                "e\u{301}".repeat(64),
                "e\u{301}".repeat(65)
            )
            .into_bytes(),
        ),
        (
            // Lower case: the browser takes it from the JavaScript engine, natively from the standard library.
            "case mapping",
            "PRÉNOM;NOM;COURRIEL;PAYS;LANGUE\nZoé;Roux;Zoé@ÉCOLE.fr;ﬁ;Français\nΣοφία;Ρ;ΟΔΟΣ@example.gr;États-Unis;DE\n\
             Ana;Roux;zoé@école.fr;ıt;EN-gb\nİlker;Şen;İLKER@example.tr;usa;ENGLISH\n"
                .as_bytes()
                .to_vec(),
        ),
        (
            // Names need a letter of a script: Rust's `is_alphabetic` also says yes to Ⓐ, Ⅻ, 🅰 and 𝐀, and marks
            // (Devanagari vowel signs) come from the JavaScript engine in the browser. No-break spaces are spaces,
            // stored plain. Identifiers are ASCII.
            "name letters",
            format!(
                "{header}\u{24B6}nna,Louis \u{216B},n1@example.fr,\u{BD},,fr\n\u{1F170}na,.,n2@example.fr,x\u{B2},,fr\n\
                 -,Roux,n3@example.fr,\u{2460},,fr\nJean\u{A0}Pierre,Le\u{202F}Roux,n4@example.fr,AB-1,,fr\n\
                 \u{1D400}na,\u{211D}oux,n5@example.fr,\u{E9},,fr\n\u{938}\u{940}\u{924}\u{93E},\u{2BB}Iolani,n6@example.fr,,,hi\n\
                 \u{93E}\u{940},' - .,n7@example.fr,,,hi\n"
            )
            .into_bytes(),
        ),
        ("not csv", b"PK\x03\x04\x00\x00".to_vec()),
        (
            // A PDF renamed .csv, past the size where its line-break bytes used to count as rows.
            "pdf over 32 KB",
            {
                let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n1 0 obj\n<< /Length 40000 /Filter /FlateDecode >>\nstream\n".to_vec();
                let mut state = 0x9E3779B97F4A7C15u64;
                pdf.extend((0..40_000).map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state >> 24) as u8
                }));
                pdf.extend_from_slice(b"\nendstream\nendobj\n%%EOF\n");
                pdf
            },
        ),
        ("empty", Vec::new()),
    ]
}

/// Deterministic pseudo-random files: a header and rows joined by one of the delimiters and line ends, their cells
/// made of fragments of real values and odd bytes (quotes, BOMs, NUL, Windows-1252, emoji, combining marks).
pub fn generated(seed: u64) -> Vec<u8> {
    const HEADERS: &[&str] =
        &["firstname", "lastname", "email", "identifier", "country", "language", "Prénom", "e-mail", "Notes"];
    #[rustfmt::skip]
    const PIECES: &[&[u8]] = &[
        b"Ana", b"\xC3\x89lodie", b"e\xCC\x81", b"O'Brien", b"a@example.fr", b"A@EXAMPLE.fr", b"b@example.org",
        b"x@y", b"<a@b.c>", b"FR", b"fr", b"UK", b"en", b"EN", b"ja", b"id-1", b"ID-2", b"123", b" ", b"\"", b"\"\"",
        b",", b";", b"\n", b"\xF0\x9F\x98\x80", b"-", b".",
    ];
    // Bytes that change how the whole file is read: rare, or nearly every file would be rejected for them.
    const RARE: &[&[u8]] = &[b"\xE9", b"\xEF\xBB\xBF", b"\xFF\xFE", b"\x00", b"\x1B"];
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move |n: usize| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) as usize % n
    };
    let delimiter = [b",", b";", b"\t"][next(3)];
    let line_end: &[u8] = [&b"\n"[..], b"\r\n", b"\r"][next(3)];
    let columns = if next(8) == 0 { 3 + next(5) } else { 6 };
    let mut bytes = Vec::new();
    for c in 0..columns {
        if c > 0 {
            bytes.extend_from_slice(delimiter);
        }
        let name = if next(10) == 0 { HEADERS[next(HEADERS.len())] } else { HEADERS[c % 6] };
        bytes.extend_from_slice(name.as_bytes());
    }
    bytes.extend_from_slice(line_end);
    for _ in 0..1 + next(8) {
        for c in 0..columns {
            if c > 0 {
                bytes.extend_from_slice(delimiter);
            }
            for _ in 0..next(4) {
                let piece = if next(80) == 0 { RARE[next(RARE.len())] } else { PIECES[next(PIECES.len())] };
                bytes.extend_from_slice(piece);
            }
        }
        bytes.extend_from_slice(line_end);
    }
    bytes
}
