//! Whole files, as real tools write them, through the public entry points: every file-level code, the reading
//! details of the specification (encodings, delimiters, line endings, quoting, headers) in `tools`, and the size
//! and row limits enforced while streaming in `limits`.

mod helpers;
mod limits;
mod tools;
