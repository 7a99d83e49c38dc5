"""Strings of the conversation core: welcome, help, /today, /search, /lang, errors."""

from __future__ import annotations

# The menu starts with these and ends with LAST; feature catalogs add theirs in between.
FIRST = ("start", "today", "search")
LAST = ("lang", "help")
ADMIN_COMMANDS: tuple[str, ...] = ()

FR = {
    "command.start": "Présentation et boutons",
    "command.today": "Le briefing du jour (ou d'une date : /today 24/10)",
    "command.search": "Chercher dans les extraits : /search koursk",
    "command.lang": "Langue de l'interface : /lang fr ou /lang en",
    "command.help": "Toutes les commandes",
    "start.text": (
        "👋 <b>Bonjour {name} !</b>\n\n"
        "Je résume chaque jour la guerre en Ukraine : un briefing en quelques lignes et "
        "les extraits de presse du jour.\n\n"
        "• /today — le briefing du jour\n"
        "• /search koursk — chercher un lieu, une personne, un sujet\n"
        "• /help — toutes les commandes\n\n"
        "Vous pouvez aussi m'écrire un mot : je le cherche pour vous."
    ),
    "button.today": "📰 Aujourd'hui",
    "button.subscribe": "🔔 S'abonner",
    "help.title": "<b>Commandes</b>",
    "help.admin_title": "<b>Commandes d'administration</b>",
    "help.footer": "Écrivez un mot (sans commande) pour le chercher.",
    "today.header": "📰 <b>{date}</b> · jour {war_day}",
    "today.fallback": (
        "Pas encore de briefing pour le {requested}. Voici le dernier, du {found} :"
    ),
    "today.none": "Aucun briefing n'a encore été chargé. Revenez un peu plus tard.",
    "today.snippets": "<b>Les extraits du jour</b> ({count})",
    "today.more": "… et {count} autres extraits : /search pour les trouver.",
    "today.bad_date": (
        "Je ne comprends pas la date « {text} ». Exemples : /today 2024-10-24, "
        "/today 24/10/2024, /today 24/10, /today hier"
    ),
    "search.usage": "Que cherchez-vous ? Exemple : /search koursk",
    "search.header": "🔎 <b>{query}</b> — {first}–{last} sur {total}",
    "search.none": (
        "Aucun extrait ne contient « {query} ». Essayez un seul mot, une autre orthographe, "
        "ou un nom de lieu : /search koursk"
    ),
    "search.expired": "Cette recherche a expiré : relancez-la avec /search.",
    "lang.usage": "Choisissez la langue : /lang fr ou /lang en",
    "lang.done": "C'est noté : je vous parlerai en français.",
    "unknown": "Je ne connais pas cette commande. /help liste ce que je sais faire.",
    "error": "Désolé, quelque chose s'est mal passé de mon côté. Réessayez dans un instant.",
}

EN = {
    "command.start": "Introduction and buttons",
    "command.today": "Today's briefing (or a day's: /today 24/10)",
    "command.search": "Search the news snippets: /search kursk",
    "command.lang": "Interface language: /lang fr or /lang en",
    "command.help": "All commands",
    "start.text": (
        "👋 <b>Hello {name}!</b>\n\n"
        "Every day I sum up the war in Ukraine: a short briefing and the day's press "
        "snippets (in French).\n\n"
        "• /today — today's briefing\n"
        "• /search kursk — look up a place, a person, a topic\n"
        "• /help — all commands\n\n"
        "You can also just send me a word: I'll search for it."
    ),
    "button.today": "📰 Today",
    "button.subscribe": "🔔 Subscribe",
    "help.title": "<b>Commands</b>",
    "help.admin_title": "<b>Admin commands</b>",
    "help.footer": "Send a word (no command) to search for it.",
    "today.header": "📰 <b>{date}</b> · day {war_day}",
    "today.fallback": "No briefing yet for {requested}. Here is the latest, from {found}:",
    "today.none": "No briefing has been loaded yet. Please come back a little later.",
    "today.snippets": "<b>Today's snippets</b> ({count})",
    "today.more": "… and {count} more snippets: use /search to find them.",
    "today.bad_date": (
        "I don't understand the date “{text}”. Examples: /today 2024-10-24, "
        "/today 24/10/2024, /today 24/10, /today yesterday"
    ),
    "search.usage": "What are you looking for? Example: /search kursk",
    "search.header": "🔎 <b>{query}</b> — {first}–{last} of {total}",
    "search.none": (
        "No snippet contains “{query}”. Try a single word, another spelling, "
        "or a place name: /search koursk"
    ),
    "search.expired": "This search has expired: run it again with /search.",
    "lang.usage": "Choose the language: /lang fr or /lang en",
    "lang.done": "Done: I'll speak English with you.",
    "unknown": "I don't know that command. /help lists what I can do.",
    "error": "Sorry, something went wrong on my side. Please try again in a moment.",
}
