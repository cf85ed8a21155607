//! The 250-row file of the rules' benchmarks, shared by the native bench (`check.rs`) and the wasm one
//! (`bench-wasm/`), so both check the same bytes.

/// A realistic 250-row file: accents, a few errors, duplicates, every column.
pub fn file_250() -> Vec<u8> {
    let mut text = String::from("firstname,lastname,email,identifier,country,language\r\n");
    let first = ["Zoé", "Jean-Luc", "Anaïs", "Björn", "María", "O'Brien", "Chloé", "Łukasz"];
    let last = ["Dupont", "Martin", "Müller", "García", "Rossi", "D’Arcy", "Nguyễn", "Smith"];
    let countries = ["FR", "DE", "GB", "IT", "ES", "fr", "US", "UK"];
    let languages = ["fr", "de", "en", "it", "es", "EN", "pt", "nl"];
    for i in 0..250 {
        text.push_str(&format!(
            "{},{},user{}@example.com,EMP-{:04},{},{}\r\n",
            first[i % 8],
            last[(i / 8) % 8],
            if i % 50 == 49 { i - 1 } else { i },
            i,
            countries[(i / 3) % 8],
            languages[(i / 5) % 8]
        ));
    }
    text.into_bytes()
}
