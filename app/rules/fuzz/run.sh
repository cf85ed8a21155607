#!/usr/bin/env bash
# Fuzzes the rules for a bounded time (first argument, seconds; default 60). Needs the nightly toolchain and
# cargo-fuzz, both installed by scripts/setup.sh. A crash fails the run and leaves its input under artifacts/.
set -euo pipefail
cd "$(dirname "$0")"
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${1:-60}"
mkdir -p corpus/check_bytes
# Seed the corpus with the template and a few real shapes so the fuzzer starts from valid files.
printf 'firstname,lastname,email,identifier,country,language\r\n' > corpus/check_bytes/template.csv
printf '\xef\xbb\xbfPr\xc3\xa9nom;Nom;Courriel;Langue\r\n\xc3\x89lodie;Lef\xc3\xa8vre;e@example.fr;fr\r\n' > corpus/check_bytes/excel-fr.csv
printf 'firstname,lastname,email,language\n"Anne\nMarie",Roux,a@example.fr,fr\nLuc,Roux,A@EXAMPLE.FR,EN\n' > corpus/check_bytes/quoted.csv
cargo +nightly fuzz run check_bytes corpus/check_bytes -- -max_total_time="$seconds" -max_len=65536
