//! Real binary files renamed `.csv` — a workbook, a PDF, bytes with no signature — small and over 1 MB: each is
//! `file.not_csv` ("save it as CSV UTF-8"), never `file.too_many_rows` ("split your list"), read whole, streamed,
//! or fed in the browser's slices. Their line-break bytes once counted as rows from about 32 KB on.
#![cfg(not(target_arch = "wasm32"))]

use std::io::{Cursor, Write};

use rules::{check_bytes, check_reader, Code, Existing, SheetReader};

/// Pseudo-random bytes (xorshift): what compressed streams and images look like, NULs and line breaks included.
fn noise(len: usize, seed: u64) -> Vec<u8> {
    let mut state = seed | 1;
    (0..len)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 24) as u8
        })
        .collect()
}

/// An .xlsx as Excel writes one: a zip of deflated XML parts, a sheet of `learners` rows, and a logo of
/// `logo_bytes` (already compressed, so the zip cannot shrink it).
fn xlsx(learners: usize, logo_bytes: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    let mut part = |name: &str, bytes: &[u8]| {
        zip.start_file(name, deflated).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    };
    part(
        "[Content_Types].xml",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>"#,
    );
    part(
        "_rels/.rels",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#,
    );
    part(
        "xl/workbook.xml",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Learners" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    part(
        "xl/_rels/workbook.xml.rels",
        br#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    );
    let mut sheet = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>"#,
    );
    let cells = |r: usize, values: [&str; 6]| {
        values
            .iter()
            .zip("ABCDEF".chars())
            .map(|(v, col)| format!(r#"<c r="{col}{r}" t="inlineStr"><is><t>{v}</t></is></c>"#))
            .collect::<String>()
    };
    sheet.push_str(&format!(
        r#"<row r="1">{}</row>"#,
        cells(1, ["firstname", "lastname", "email", "identifier", "country", "language"])
    ));
    for i in 0..learners {
        let email = format!("learner{i}@example.org");
        let id = format!("E-{i:05}");
        sheet.push_str(&format!(
            r#"<row r="{}">{}</row>"#,
            i + 2,
            cells(i + 2, ["Ana", "Roux", &email, &id, "FR", "fr"])
        ));
    }
    sheet.push_str("</sheetData></worksheet>");
    part("xl/worksheets/sheet1.xml", sheet.as_bytes());
    if logo_bytes > 0 {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend(noise(logo_bytes, 7));
        part("xl/media/image1.png", &png);
    }
    zip.finish().expect("zip").into_inner()
}

/// A PDF as a word processor writes one: a text header and dictionaries, then compressed content and image
/// streams of `stream_bytes` in all, and the cross-reference table.
fn pdf(stream_bytes: usize) -> Vec<u8> {
    let mut pdf = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    let content = noise(stream_bytes / 4, 11);
    let image = noise(stream_bytes - stream_bytes / 4, 13);
    let objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /XObject << /Im1 5 0 R >> >> >>"
            .to_vec(),
        [format!("<< /Length {} /Filter /FlateDecode >>\nstream\n", content.len()).as_bytes(), &content, b"\nendstream"]
            .concat(),
        [
            format!("<< /Type /XObject /Subtype /Image /Width 800 /Height 600 /BitsPerComponent 8 /ColorSpace /DeviceRGB /Length {} /Filter /DCTDecode >>\nstream\n", image.len()).as_bytes(),
            &image,
            b"\nendstream",
        ]
        .concat(),
    ];
    for (i, object) in objects.iter().enumerate() {
        offsets.push(pdf.len());
        pdf.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
        pdf.extend_from_slice(object);
        pdf.extend_from_slice(b"\nendobj\n");
    }
    let xref = pdf.len();
    pdf.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for offset in offsets {
        pdf.extend_from_slice(format!("{offset:010} 00000 n \n").as_bytes());
    }
    pdf.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    pdf
}

/// Every way a file is read: whole, streamed (the server), and in the browser's 256 KB slices and smaller ones.
fn verdicts(bytes: &[u8]) -> Vec<(String, Option<Code>)> {
    let existing = Existing::default();
    let mut verdicts = vec![
        ("whole".to_owned(), check_bytes("learners.csv", bytes, &existing).file_error.map(|p| p.code())),
        ("stream".to_owned(), check_reader("learners.csv", Cursor::new(bytes), &existing).file_error.map(|p| p.code())),
    ];
    for slice in [256 * 1024, 4096, 1000] {
        let code = (|| {
            let mut file = SheetReader::new("learners.csv")?;
            for chunk in bytes.chunks(slice) {
                file.push(chunk)?;
            }
            file.finish(&existing).map(|_| ())
        })()
        .err()
        .map(|p| p.code());
        verdicts.push((format!("slices of {slice}"), code));
    }
    verdicts
}

fn assert_not_csv(what: &str, bytes: &[u8]) {
    for (how, code) in verdicts(bytes) {
        assert_eq!(code, Some(Code::FileNotCsv), "{what} ({} bytes), read {how}", bytes.len());
    }
}

#[test]
fn a_real_xlsx_renamed_csv_is_not_csv_small_or_over_a_megabyte() {
    let small = xlsx(3, 0);
    assert!(small.len() < 4096, "{}", small.len());
    assert_not_csv("a small workbook", &small);
    let medium = xlsx(250, 40 * 1024);
    assert!((40 * 1024..200 * 1024).contains(&medium.len()), "{}", medium.len());
    assert_not_csv("a workbook with a logo", &medium);
    let large = xlsx(5000, 1200 * 1024);
    assert!(large.len() > 1024 * 1024, "{}", large.len());
    assert_not_csv("a workbook over 1 MB", &large);
}

#[test]
fn a_real_pdf_renamed_csv_is_not_csv_small_or_over_a_megabyte() {
    for size in [2 * 1024, 40 * 1024, 1300 * 1024] {
        assert_not_csv("a PDF", &pdf(size));
    }
}

#[test]
fn binary_bytes_with_no_known_signature_are_not_csv() {
    for size in [8 * 1024, 64 * 1024, 1500 * 1024] {
        assert_not_csv("noise", &noise(size, 3));
    }
    // A zip's entries alone (a truncated download, no signature at the start) are just as binary.
    let zip = xlsx(100, 64 * 1024);
    assert_not_csv("the inside of a workbook", &zip[30..]);
}
