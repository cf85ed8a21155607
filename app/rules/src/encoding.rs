//! The two legacy encodings a spreadsheet's CSV comes in besides UTF-8: UTF-16 (Excel's "Unicode text") and
//! Windows-1252 (Excel's plain "CSV" on Windows). Written here rather than taken from encoding_rs: its decoder
//! dispatch links every encoding's tables (several hundred KB of CJK indexes) into the browser's bundle, for two
//! decoders that fit in a page. Tested byte for byte against encoding_rs (a dev-dependency).

/// UTF-16 without its BOM; an unpaired surrogate or a lone last byte becomes U+FFFD, as the WHATWG decoder does.
pub(crate) fn decode_utf16(bytes: &[u8], big_endian: bool) -> String {
    let units = bytes.chunks_exact(2).map(|pair| {
        let pair = [pair[0], pair[1]];
        if big_endian {
            u16::from_be_bytes(pair)
        } else {
            u16::from_le_bytes(pair)
        }
    });
    let mut text: String = char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect();
    // A lone last byte is one more error, unless it completes the error of an unpaired high surrogate just
    // before it: the WHATWG decoder reports those two as one.
    let last_unit_is_high_surrogate = bytes.len() >= 3 && {
        let unit = [bytes[bytes.len() - 3], bytes[bytes.len() - 2]];
        let unit = if big_endian { u16::from_be_bytes(unit) } else { u16::from_le_bytes(unit) };
        (0xD800..0xDC00).contains(&unit)
    };
    if bytes.len() % 2 == 1 && !last_unit_is_high_surrogate {
        text.push(char::REPLACEMENT_CHARACTER);
    }
    text
}

/// Windows-1252 as browsers read it (WHATWG): Latin-1, except 0x80–0x9F, which hold typographic characters.
pub(crate) fn decode_windows_1252(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{0081}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}', '\u{02C6}',
        '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{008D}', '\u{017D}', '\u{008F}', '\u{0090}', '\u{2018}',
        '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}', '\u{02DC}', '\u{2122}', '\u{0161}',
        '\u{203A}', '\u{0153}', '\u{009D}', '\u{017E}', '\u{0178}',
    ];
    bytes.iter().map(|&b| if (0x80..0xA0).contains(&b) { HIGH[usize::from(b - 0x80)] } else { char::from(b) }).collect()
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

    #[test]
    fn windows_1252_matches_encoding_rs_for_every_byte() {
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(decode_windows_1252(&all), WINDOWS_1252.decode_without_bom_handling(&all).0);
    }

    #[test]
    fn utf16_matches_encoding_rs_including_broken_input() {
        let mut cases: Vec<Vec<u8>> = vec![
            "Élodie;Юлия;李小龍;😀\r\n".encode_utf16().flat_map(u16::to_le_bytes).collect(),
            vec![0x3D, 0xD8, 0x41, 0x00],       // a high surrogate followed by 'A'
            vec![0x00, 0xDC, 0x41, 0x00, 0x42], // a lone low surrogate, then an odd last byte
            vec![],
        ];
        // Pseudo-random bytes, to cover what the hand-written cases miss.
        let mut state = 0x2545F4914F6CDD1Du64;
        for len in 0..200 {
            cases.push(
                (0..len)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state as u8
                    })
                    .collect(),
            );
        }
        for bytes in cases {
            assert_eq!(decode_utf16(&bytes, false), UTF_16LE.decode_without_bom_handling(&bytes).0, "{bytes:?}");
            assert_eq!(decode_utf16(&bytes, true), UTF_16BE.decode_without_bom_handling(&bytes).0, "{bytes:?}");
        }
    }
}
