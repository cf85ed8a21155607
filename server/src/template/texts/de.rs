//! Die Excel-Vorlage auf Deutsch.

use super::TemplateTexts;

pub(super) static TEXTS: TemplateTexts = TemplateTexts {
    users_sheet: "Benutzer",
    rules_sheet: "Regeln",
    title: "Benutzerimport: die Regeln jeder Spalte",
    save_as_csv: "Füllen Sie das Blatt Benutzer aus, eine Person pro Zeile, und speichern Sie es mit Datei → \
                  Speichern unter → „CSV UTF-8 (durch Trennzeichen getrennt) (*.csv)“. Der Import liest nur CSV.",
    text_cells: "Alle Zellen des Blatts Benutzer sind als Text formatiert: führende Nullen und lange Zahlen bleiben \
                 wie eingegeben.",
    lists: "Die Zellen country und language bieten eine Auswahlliste der zulässigen Codes.",
    column: "Spalte",
    required: "Pflicht",
    format: "Regel",
    examples: "Beispiele",
    yes: "ja",
    no: "nein",
    firstname: "1 bis 64 Buchstaben (jede Schrift, auch mit Akzenten); Leerzeichen, Bindestriche, Apostrophe und \
                Punkte erlaubt; keine Ziffern oder Symbole.",
    lastname: "Dieselbe Regel wie firstname.",
    email: "Eine gültige Adresse (name@domain.tld), höchstens 254 Zeichen; eindeutig in der Datei und im Portal.",
    identifier: "Bis zu 64 Zeichen aus A–Z, a–z, 0–9, - _ und .; eindeutig in der Datei und im Portal.",
    country: "Zwei Großbuchstaben, ISO 3166-1 alpha-2 (Auswahlliste); darf leer bleiben.",
    language: "Zwei Kleinbuchstaben, ISO 639-1 (Auswahlliste): die Sprache der Person, auch die ihrer Einladung.",
    groups: "Gruppennamen (eine Klasse, ein Jahrgang), getrennt durch |: höchstens 20, je 1 bis 64 Zeichen. Fehlende Gruppen werden angelegt.",
    status: "active oder suspended (gesperrte Lernende können sich nicht anmelden); leer bleibt der Status unverändert.",
    sample_row: "So sieht eine ausgefüllte Zeile aus (nicht in das Blatt Benutzer kopieren):",
    country_error_title: "Ländercode",
    country_error: "Wählen Sie einen Ländercode aus der Liste: zwei Großbuchstaben, ISO 3166-1 (FR, GB, US, DE…).",
    language_error_title: "Sprachcode",
    language_error: "Wählen Sie einen Sprachcode aus der Liste: zwei Kleinbuchstaben, ISO 639-1 (fr, en, de, it…).",
};
