"""Strings of admin tools: documents, /add, /del, /correct, /summary, /snippets, /audit."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ()
ADMIN_COMMANDS: tuple[str, ...] = ("add", "del", "correct", "summary", "snippets", "audit")

# Counted phrases come in pairs: `.one` (French: 0 and 1; English: 1) and `.other`.
FR: dict[str, str] = {
    "command.add": "Ajouter un extrait aujourd'hui : /add TEXTE | source | lien",
    "command.del": "Supprimer un extrait : /del ID",
    "command.correct": "Corriger un extrait : /correct ID NOUVEAU TEXTE",
    "command.summary": "Remplacer le résumé d'un jour : /summary DATE",
    "command.snippets": "Les extraits d'un jour et leurs numéros : /snippets DATE",
    "command.audit": "Les 20 dernières actions des administrateurs",
    "admin.add.usage": (
        "Usage : /add TEXTE [| source | lien]\n"
        "Exemple : /add Frappes de drones sur Kyiv | Le Monde | https://www.lemonde.fr/…"
    ),
    "admin.del.usage": "Usage : /del ID — le numéro de l'extrait (voir /snippets DATE)",
    "admin.correct.usage": "Usage : /correct ID NOUVEAU TEXTE — ID : voir /snippets DATE",
    "admin.summary.usage": (
        "Usage : /summary DATE, puis envoyez le résumé dans le message suivant "
        "(ou /summary DATE TEXTE)"
    ),
    "admin.bad_id": "« {text} » n'est pas un numéro d'extrait. Exemple : /del 1234",
    "admin.bad_url": "Le lien « {text} » doit être une adresse http:// ou https://.",
    "admin.bad_date": (
        "Je ne comprends pas la date « {text} ». Exemples : 2024-10-24, 24/10/2024, 24/10, hier"
    ),
    "admin.too_long": "Texte trop long : {count} caractères, pour une limite de {limit}.",
    "admin.unknown_id": "Il n'y a pas d'extrait #{id}.",
    "admin.added": "➕ Extrait #{id} ajouté au {date}.",
    "admin.duplicate": "Cet extrait est déjà enregistré : #{id}. Rien n'a été ajouté.",
    "admin.del.confirm": "Supprimer l'extrait #{id} du {date} ?\n<blockquote>{text}</blockquote>",
    "admin.del.yes": "🗑 Supprimer",
    "admin.del.no": "Annuler",
    "admin.deleted": "🗑 Extrait #{id} supprimé.",
    "admin.kept": "Extrait #{id} conservé.",
    "admin.corrected": "✏️ Extrait #{id} corrigé.",
    "admin.clash": "Ce texte est déjà celui de l'extrait #{other} : rien n'a changé.",
    "admin.summary.ask": (
        "Envoyez maintenant le résumé du {date} en un seul message "
        "(une ligne vide entre les paragraphes)."
    ),
    "admin.summary.cancel": "Annuler",
    "admin.summary.cancelled": "Résumé inchangé.",
    "admin.summary.empty": "Ce résumé est vide : envoyez son texte.",
    "admin.summary.done": "📝 Résumé du {date} enregistré.",
    "admin.refreshing": "Mise à jour du briefing déjà envoyé ({chats})…",
    "admin.refreshed": "Briefings déjà envoyés : {counts}.",
    "admin.n.chats.one": "{count} discussion",
    "admin.n.chats.other": "{count} discussions",
    "admin.n.edited.one": "{count} message modifié",
    "admin.n.edited.other": "{count} messages modifiés",
    "admin.n.unchanged.one": "{count} inchangé",
    "admin.n.unchanged.other": "{count} inchangés",
    "admin.n.too_old.one": "{count} trop ancien pour être modifié (plus de 48 h)",
    "admin.n.too_old.other": "{count} trop anciens pour être modifiés (plus de 48 h)",
    "admin.n.emptied.one": "{count} laissé (le jour n'a plus de contenu)",
    "admin.n.emptied.other": "{count} laissés (le jour n'a plus de contenu)",
    "admin.n.sent.one": "{count} partie ajoutée",
    "admin.n.sent.other": "{count} parties ajoutées",
    "admin.n.deleted.one": "{count} partie retirée",
    "admin.n.deleted.other": "{count} parties retirées",
    "admin.n.failed.one": "{count} échec",
    "admin.n.failed.other": "{count} échecs",
    "admin.n.added.one": "{count} extrait ajouté",
    "admin.n.added.other": "{count} extraits ajoutés",
    "admin.n.duplicates.one": "{count} doublon",
    "admin.n.duplicates.other": "{count} doublons",
    "admin.n.names.one": "{count} nom",
    "admin.n.names.other": "{count} noms",
    "admin.n.spellings.one": "{count} nouvelle graphie",
    "admin.n.spellings.other": "{count} nouvelles graphies",
    "admin.upload.day": "{day} : {added}, {duplicates}",
    "admin.upload.loaded": "📥 <b>{name}</b>",
    "admin.upload.gazetteer": "Répertoire de noms : {names}, {spellings}",
    "admin.upload.empty": "Aucun briefing dans ce fichier.",
    "admin.upload.failed": (
        "❌ <code>{error}</code>\nRien n'a été chargé : corrigez le fichier et renvoyez-le."
    ),
    "admin.upload.archive": (
        "❌ {name} : les archives ne sont pas acceptées. "
        "Envoyez les fichiers .yaml, .yml ou .txt eux-mêmes."
    ),
    "admin.upload.type": "❌ {name} : je ne charge que les fichiers .yaml, .yml et .txt.",
    "admin.upload.too_big": (
        "❌ {name} pèse {size} ; la limite est de {limit}. Coupez-le en plusieurs fichiers."
    ),
    "admin.upload.no_day": (
        "❌ {name} : de quel jour s'agit-il ? Ajoutez la légende date:2024-10-24 "
        "ou mettez la date dans le nom du fichier."
    ),
    "admin.upload.yaml_day": (
        "❌ {name} : un fichier YAML donne lui-même la date de chaque briefing ; "
        "renvoyez-le sans la légende date:."
    ),
    "admin.upload.bad_caption": (
        "Je ne comprends pas la légende « {text} ». Pour un fichier .txt, "
        "la légende date:2024-10-24 donne son jour."
    ),
    "admin.upload.download_failed": "❌ Je n'ai pas pu télécharger {name} : {error}",
    "admin.snippets.title": "<b>Extraits du {date}</b> ({count})",
    "admin.snippets.none": "Aucun extrait pour le {date}.",
    "admin.audit.title": "<b>Journal des administrateurs</b> (les {count} dernières actions)",
    "admin.audit.none": "Aucune action d'administrateur pour l'instant.",
    "admin.action.load": "chargement",
    "admin.action.add": "ajout",
    "admin.action.delete": "suppression",
    "admin.action.correct": "correction",
    "admin.action.summary": "résumé",
    "admin.action.refresh": "mise à jour des envois",
    "admin.count.added": "ajoutés",
    "admin.count.duplicates": "doublons",
    "admin.count.deleted": "supprimés",
    "admin.count.corrected": "corrigés",
    "admin.count.characters": "caractères",
    "admin.count.chats": "discussions",
    "admin.count.edited": "modifiés",
    "admin.count.unchanged": "inchangés",
    "admin.count.too_old": "trop anciens",
    "admin.count.emptied": "sans contenu",
    "admin.count.sent": "parties ajoutées",
    "admin.count.failed": "échecs",
    "admin.count.names": "noms",
    "admin.count.spellings": "graphies",
    "admin.count.days": "jours",
    "admin.stats.content": "Contenu : {snippets} extraits, {briefings} briefings",
    "admin.stats.system": "Base de données : {size} · en service depuis {uptime}",
}

EN: dict[str, str] = {
    "command.add": "Add a snippet to today: /add TEXT | source | link",
    "command.del": "Delete a snippet: /del ID",
    "command.correct": "Correct a snippet: /correct ID NEW TEXT",
    "command.summary": "Replace a day's summary: /summary DATE",
    "command.snippets": "A day's snippets and their numbers: /snippets DATE",
    "command.audit": "The administrators' last 20 actions",
    "admin.add.usage": (
        "Usage: /add TEXT [| source | link]\n"
        "Example: /add Drone strikes on Kyiv | Le Monde | https://www.lemonde.fr/…"
    ),
    "admin.del.usage": "Usage: /del ID — the snippet's number (see /snippets DATE)",
    "admin.correct.usage": "Usage: /correct ID NEW TEXT — ID: see /snippets DATE",
    "admin.summary.usage": (
        "Usage: /summary DATE, then send the summary in your next message (or /summary DATE TEXT)"
    ),
    "admin.bad_id": "“{text}” is not a snippet number. Example: /del 1234",
    "admin.bad_url": "The link “{text}” must be an http:// or https:// address.",
    "admin.bad_date": (
        "I don't understand the date “{text}”. Examples: 2024-10-24, 24/10/2024, 24/10, yesterday"
    ),
    "admin.too_long": "Text too long: {count} characters, for a limit of {limit}.",
    "admin.unknown_id": "There is no snippet #{id}.",
    "admin.added": "➕ Snippet #{id} added to {date}.",
    "admin.duplicate": "This snippet is already stored: #{id}. Nothing was added.",
    "admin.del.confirm": "Delete snippet #{id} of {date}?\n<blockquote>{text}</blockquote>",
    "admin.del.yes": "🗑 Delete",
    "admin.del.no": "Cancel",
    "admin.deleted": "🗑 Snippet #{id} deleted.",
    "admin.kept": "Snippet #{id} kept.",
    "admin.corrected": "✏️ Snippet #{id} corrected.",
    "admin.clash": "This text is already that of snippet #{other}: nothing changed.",
    "admin.summary.ask": (
        "Now send the summary of {date} in one message (a blank line between paragraphs)."
    ),
    "admin.summary.cancel": "Cancel",
    "admin.summary.cancelled": "Summary unchanged.",
    "admin.summary.empty": "This summary is empty: send its text.",
    "admin.summary.done": "📝 Summary of {date} saved.",
    "admin.refreshing": "Updating the briefing already sent ({chats})…",
    "admin.refreshed": "Briefings already sent: {counts}.",
    "admin.n.chats.one": "{count} chat",
    "admin.n.chats.other": "{count} chats",
    "admin.n.edited.one": "{count} message edited",
    "admin.n.edited.other": "{count} messages edited",
    "admin.n.unchanged.one": "{count} unchanged",
    "admin.n.unchanged.other": "{count} unchanged",
    "admin.n.too_old.one": "{count} too old to edit (over 48 h)",
    "admin.n.too_old.other": "{count} too old to edit (over 48 h)",
    "admin.n.emptied.one": "{count} left (the day has no content left)",
    "admin.n.emptied.other": "{count} left (the day has no content left)",
    "admin.n.sent.one": "{count} part added",
    "admin.n.sent.other": "{count} parts added",
    "admin.n.deleted.one": "{count} part removed",
    "admin.n.deleted.other": "{count} parts removed",
    "admin.n.failed.one": "{count} failure",
    "admin.n.failed.other": "{count} failures",
    "admin.n.added.one": "{count} snippet added",
    "admin.n.added.other": "{count} snippets added",
    "admin.n.duplicates.one": "{count} duplicate",
    "admin.n.duplicates.other": "{count} duplicates",
    "admin.n.names.one": "{count} name",
    "admin.n.names.other": "{count} names",
    "admin.n.spellings.one": "{count} new spelling",
    "admin.n.spellings.other": "{count} new spellings",
    "admin.upload.day": "{day}: {added}, {duplicates}",
    "admin.upload.loaded": "📥 <b>{name}</b>",
    "admin.upload.gazetteer": "Gazetteer: {names}, {spellings}",
    "admin.upload.empty": "No briefing in this file.",
    "admin.upload.failed": (
        "❌ <code>{error}</code>\nNothing was loaded: fix the file and send it again."
    ),
    "admin.upload.archive": (
        "❌ {name}: archives are not accepted. Send the .yaml, .yml or .txt files themselves."
    ),
    "admin.upload.type": "❌ {name}: I only load .yaml, .yml and .txt files.",
    "admin.upload.too_big": (
        "❌ {name} weighs {size}; the limit is {limit}. Split it into several files."
    ),
    "admin.upload.no_day": (
        "❌ {name}: which day is it? Add the caption date:2024-10-24 "
        "or put the date in the file's name."
    ),
    "admin.upload.yaml_day": (
        "❌ {name}: a YAML file gives each briefing's date itself; "
        "send it again without the date: caption."
    ),
    "admin.upload.bad_caption": (
        "I don't understand the caption “{text}”. For a .txt file, "
        "the caption date:2024-10-24 gives its day."
    ),
    "admin.upload.download_failed": "❌ I could not download {name}: {error}",
    "admin.snippets.title": "<b>Snippets of {date}</b> ({count})",
    "admin.snippets.none": "No snippet for {date}.",
    "admin.audit.title": "<b>Administrators' log</b> (the last {count} actions)",
    "admin.audit.none": "No administrator action yet.",
    "admin.action.load": "load",
    "admin.action.add": "add",
    "admin.action.delete": "delete",
    "admin.action.correct": "correct",
    "admin.action.summary": "summary",
    "admin.action.refresh": "edit of sent copies",
    "admin.count.added": "added",
    "admin.count.duplicates": "duplicates",
    "admin.count.deleted": "deleted",
    "admin.count.corrected": "corrected",
    "admin.count.characters": "characters",
    "admin.count.chats": "chats",
    "admin.count.edited": "edited",
    "admin.count.unchanged": "unchanged",
    "admin.count.too_old": "too old",
    "admin.count.emptied": "no content",
    "admin.count.sent": "parts added",
    "admin.count.failed": "failures",
    "admin.count.names": "names",
    "admin.count.spellings": "spellings",
    "admin.count.days": "days",
    "admin.stats.content": "Content: {snippets} snippets, {briefings} briefings",
    "admin.stats.system": "Database: {size} · up for {uptime}",
}
