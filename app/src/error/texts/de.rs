//! The errors in German.

use super::ErrorTexts;

pub(super) static TEXTS: ErrorTexts = ErrorTexts {
    unauthorized: "Ihre Sitzung ist abgelaufen. Melden Sie sich erneut an.",
    cross_site: "Diese Anfrage kam von einer anderen Website und wurde abgelehnt. Laden Sie die Seite neu und versuchen Sie es erneut.",
    invalid_credentials: "E-Mail-Adresse oder Passwort ist falsch. Prüfen Sie beides und versuchen Sie es erneut.",
    too_many_attempts: |minutes| {
        let unit = if minutes == 1 { "Minute" } else { "Minuten" };
        format!("Zu viele fehlgeschlagene Anmeldungen. Versuchen Sie es in {minutes} {unit} erneut.")
    },
    bad_request: "Die Anfrage wurde nicht verstanden; es wurde nichts geändert. Laden Sie die Seite neu und versuchen Sie es erneut.",
    busy: "Das Portal ist mit anderen Importen beschäftigt; es wurde nichts geändert. Versuchen Sie es gleich noch einmal.",
    weak_password: |min_chars| {
        format!("Wählen Sie ein Passwort mit mindestens {min_chars} Zeichen; ein kurzer Satz lässt sich leicht merken.")
    },
    internal: "Auf dem Server ist ein Fehler aufgetreten; es wurde nichts geändert. Versuchen Sie es gleich noch einmal.",
    request: "Der Server ist nicht erreichbar. Prüfen Sie Ihre Verbindung und versuchen Sie es erneut.",
    too_long: "Die E-Mail-Adresse oder das Passwort ist zu lang. Prüfen Sie, was eingefügt wurde, und versuchen Sie es erneut.",
    too_large: "Die Anfrage ist größer, als der Server annimmt; nichts wurde geändert. Teilen Sie die Datei auf und versuchen Sie es erneut.",
    overloaded: "Das Portal ist gerade stark ausgelastet; nichts wurde geändert. Versuchen Sie es in ein paar Sekunden erneut.",
    request_reused: "Dieser Import wurde bereits mit anderen Zeilen gesendet und daher nicht wiederholt; nichts wurde geändert. Bestätigen Sie erneut, um die Zeilen so hinzuzufügen, wie sie jetzt sind.",
    not_found: "Das Angeforderte gibt es nicht (mehr): Es wurde vielleicht inzwischen entfernt. Laden Sie die Seite neu.",
    undo_expired: "Dieser Import kann nicht mehr rückgängig gemacht werden: Die Frist ist abgelaufen. Entfernen Sie seine Benutzer stattdessen einzeln.",
    last_admin: "Der letzte Administrator kann nicht entfernt werden: Laden Sie zuerst einen weiteren ein.",
    wrong_password: "Das aktuelle Passwort ist falsch; nichts wurde geändert.",
    token_name: |max_chars| format!("Geben Sie dem Token einen Namen mit 1 bis {max_chars} Zeichen, der sagt, wer ihn nutzt."),
    token_expiry: |max_days| {
        format!("Ein Token gilt 1 bis {max_days} Tage oder bis zum Widerruf: Wählen Sie dafür „Nie“.")
    },
    invalid_email: "Dies ist keine gültige E-Mail-Adresse. Prüfen Sie sie und versuchen Sie es erneut.",
    already_admin: "Diese E-Mail-Adresse gehört bereits einem Administrator: Es gibt nichts einzuladen.",
    already_invited: "Diese E-Mail-Adresse ist bereits eingeladen und die Einladung ist noch offen. Brechen Sie sie zuerst ab, um eine neue zu senden.",
    link_unusable: "Dieser Link funktioniert nicht mehr: Er ist abgelaufen, wurde bereits verwendet oder wurde abgebrochen.",
    group_name: |max_chars| format!("Der Name einer Gruppe hat 1 bis {max_chars} Zeichen, ohne | und ohne Steuerzeichen."),
    group_name_taken: "Eine andere Gruppe trägt bereits diesen Namen (unabhängig von Groß-/Kleinschreibung und Akzenten). Wählen Sie einen anderen Namen.",
};
