"""Strings of keyword alerts: /follow, /following, /unfollow, /quiet and the alerts."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ("follow", "following", "unfollow", "quiet")
ADMIN_COMMANDS: tuple[str, ...] = ()

FR: dict[str, str] = {
    "command.follow": "Être alerté des nouveaux extraits : /follow koursk",
    "command.following": "Les recherches suivies, avec un bouton pour en retirer",
    "command.unfollow": "Ne plus suivre une recherche : /unfollow 2",
    "command.quiet": "Heures calmes des alertes : /quiet 22:00-07:00, /quiet off",
    "follow.usage": (
        "Indiquez les mots à suivre, comme pour /search. Exemples :\n"
        '/follow koursk\n/follow "corée du nord" -séoul\n/follow zaporijia OR kherson'
    ),
    "follow.nothing": ("« {query} » ne contient aucun mot à chercher. Exemple : /follow koursk"),
    "follow.added": (
        "🔔 C'est noté : je vous alerterai des nouveaux extraits pour « <b>{query}</b> ».\n"
        "Recherches suivies : {count} sur {limit}. /following pour les voir."
    ),
    "follow.added.channel": (
        "🔔 Le canal {title} sera alerté des nouveaux extraits pour « <b>{query}</b> ».\n"
        "Recherches suivies par le canal : {count} sur {limit}."
    ),
    "follow.already": "Vous suivez déjà « <b>{query}</b> ». /following pour voir vos recherches.",
    "follow.limit": (
        "Vous suivez déjà {limit} recherches, le maximum. "
        "Retirez-en une avec /unfollow N (/following les numérote)."
    ),
    "follow.channel.unknown": (
        "Je ne connais pas le canal « {name} ». Il doit être abonné (/addchannel) "
        "avant de suivre une recherche."
    ),
    "follow.channel.admins_only": (
        "Seuls les administrateurs du bot gèrent les recherches suivies par un canal."
    ),
    "follow.list.none": (
        "Vous ne suivez aucune recherche. /follow koursk pour être alerté des nouveaux extraits "
        "sur Koursk."
    ),
    "follow.list.title": "🔔 <b>Recherches suivies</b> ({count} sur {limit})",
    "follow.list.title.channel": "🔔 <b>Recherches suivies par {title}</b> ({count} sur {limit})",
    "follow.list.quiet": "Heures calmes : {hours} ({zone}). /quiet off pour les retirer.",
    "follow.list.no_quiet": "Pas d'heures calmes : /quiet 22:00-07:00 pour en fixer.",
    "follow.list.footer": "Touchez ✖ pour ne plus suivre une recherche, ou /unfollow N.",
    "follow.unfollow.usage": (
        "Indiquez le numéro de la recherche à retirer, par exemple /unfollow 1 "
        "(/following les numérote)."
    ),
    "follow.unfollow.unknown": (
        "Il n'y a pas de recherche n° {number} : vous en suivez {count}. /following les liste."
    ),
    "follow.unfollow.done": "🔕 Vous ne suivez plus « <b>{query}</b> ».",
    "follow.unfollow.gone": "Cette recherche n'est déjà plus suivie.",
    "follow.quiet.usage": (
        "Indiquez vos heures calmes, par exemple /quiet 22:00-07:00, ou /quiet off. "
        "Actuellement : {current}."
    ),
    "follow.quiet.none": "aucune",
    "follow.settings": (
        "<b>Alertes</b>\nRecherches suivies : {count} (/following)\n"
        "Heures calmes : {hours} (/quiet)"
    ),
    "follow.stats": (
        "Alertes : {follows} suivis dans {chats} conversations\n"
        "À envoyer : {waiting} · retenues (heures calmes) : {held}\n"
        "Envoyées : {sent} · échecs : {failed} · ignorées : {skipped}"
    ),
    "follow.quiet.bad": "Je ne comprends pas « {text} ». Exemple : /quiet 22:00-07:00",
    "follow.quiet.set": (
        "🌙 Heures calmes : {hours} ({zone}). Les alertes qui tombent pendant ces heures "
        "arriveront à leur fin."
    ),
    "follow.quiet.off": "🔔 Plus d'heures calmes : les alertes arrivent dès qu'il y a du nouveau.",
    "follow.alert.title": "🔔 <b>Nouveau pour {queries}</b>",
    "follow.alert.more.one": "… et 1 autre extrait.",
    "follow.alert.more.other": "… et {count} autres extraits.",
    "follow.alert.footer": "/following pour gérer vos alertes.",
}

EN: dict[str, str] = {
    "command.follow": "Get alerts for new snippets: /follow kursk",
    "command.following": "Your followed searches, with buttons to remove them",
    "command.unfollow": "Stop following a search: /unfollow 2",
    "command.quiet": "Quiet hours for alerts: /quiet 22:00-07:00, /quiet off",
    "follow.usage": (
        "Give the words to follow, as with /search. Examples:\n"
        '/follow kursk\n/follow "north korea" -seoul\n/follow zaporizhzhia OR kherson'
    ),
    "follow.nothing": "“{query}” has no word to look for. Example: /follow kursk",
    "follow.added": (
        "🔔 Done: I will alert you to new snippets for “<b>{query}</b>”.\n"
        "Followed searches: {count} of {limit}. /following to see them."
    ),
    "follow.added.channel": (
        "🔔 The channel {title} will be alerted to new snippets for “<b>{query}</b>”.\n"
        "Searches the channel follows: {count} of {limit}."
    ),
    "follow.already": "You already follow “<b>{query}</b>”. /following to see your searches.",
    "follow.limit": (
        "You already follow {limit} searches, the most allowed. "
        "Remove one with /unfollow N (/following numbers them)."
    ),
    "follow.channel.unknown": (
        "I don't know the channel “{name}”. It must be subscribed (/addchannel) "
        "before it can follow a search."
    ),
    "follow.channel.admins_only": "Only the bot's admins manage the searches a channel follows.",
    "follow.list.none": (
        "You follow no search. /follow kursk to be alerted to new snippets about Kursk."
    ),
    "follow.list.title": "🔔 <b>Followed searches</b> ({count} of {limit})",
    "follow.list.title.channel": "🔔 <b>Searches {title} follows</b> ({count} of {limit})",
    "follow.list.quiet": "Quiet hours: {hours} ({zone}). /quiet off to remove them.",
    "follow.list.no_quiet": "No quiet hours: /quiet 22:00-07:00 to set some.",
    "follow.list.footer": "Tap ✖ to stop following a search, or use /unfollow N.",
    "follow.unfollow.usage": (
        "Give the number of the search to remove, e.g. /unfollow 1 (/following numbers them)."
    ),
    "follow.unfollow.unknown": (
        "There is no search number {number}: you follow {count}. /following lists them."
    ),
    "follow.unfollow.done": "🔕 You no longer follow “<b>{query}</b>”.",
    "follow.unfollow.gone": "This search is no longer followed.",
    "follow.quiet.usage": (
        "Give your quiet hours, e.g. /quiet 22:00-07:00, or /quiet off. Now: {current}."
    ),
    "follow.quiet.none": "none",
    "follow.settings": (
        "<b>Alerts</b>\nFollowed searches: {count} (/following)\nQuiet hours: {hours} (/quiet)"
    ),
    "follow.stats": (
        "Alerts: {follows} follows in {chats} chats\n"
        "To send: {waiting} · held (quiet hours): {held}\n"
        "Sent: {sent} · failed: {failed} · skipped: {skipped}"
    ),
    "follow.quiet.bad": "I don't understand “{text}”. Example: /quiet 22:00-07:00",
    "follow.quiet.set": (
        "🌙 Quiet hours: {hours} ({zone}). Alerts that fall due during them "
        "will arrive when they end."
    ),
    "follow.quiet.off": "🔔 No more quiet hours: alerts arrive as soon as there is news.",
    "follow.alert.title": "🔔 <b>New for {queries}</b>",
    "follow.alert.more.one": "… and 1 more snippet.",
    "follow.alert.more.other": "… and {count} more snippets.",
    "follow.alert.footer": "/following to manage your alerts.",
}
