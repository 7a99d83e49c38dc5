"""Strings of subscriptions and the daily push."""

from __future__ import annotations

COMMANDS: tuple[str, ...] = ("subscribe", "unsubscribe", "settings", "tz")
ADMIN_COMMANDS: tuple[str, ...] = ("channels", "addchannel", "removechannel", "publish", "stats")

FR: dict[str, str] = {
    "command.subscribe": "Recevoir le briefing chaque jour : /subscribe 07:30",
    "command.unsubscribe": "Ne plus recevoir le briefing quotidien",
    "command.settings": "Heure, fuseau horaire et langue du briefing quotidien",
    "command.tz": "Fuseau horaire : /tz Europe/Kyiv",
    "command.channels": "Les canaux abonnés et leur état",
    "command.addchannel": "Abonner un canal : /addchannel @nom",
    "command.removechannel": "Désabonner un canal : /removechannel @nom",
    "command.publish": "Envoyer le briefing maintenant : /publish [DATE]",
    "command.stats": "Abonnés et dernier envoi",
    "admin_guard.refused": "Cette commande est réservée aux administrateurs du bot.",
    "push.when": "{date} à {time}",
    "push.subscribed": (
        "🔔 C'est noté : vous recevrez le briefing chaque jour à {time} ({zone}).\n"
        "Prochain envoi : <b>{when}</b>.\n/settings pour changer l'heure, le fuseau ou la langue."
    ),
    "push.bad_time": "Je ne comprends pas l'heure « {text} ». Exemple : /subscribe 07:30",
    "push.group_admins_only": "Dans un groupe, seuls ses administrateurs gèrent l'abonnement.",
    "push.unsubscribed": (
        "🔕 Vous ne recevrez plus le briefing quotidien. /subscribe pour reprendre."
    ),
    "push.not_subscribed": (
        "Vous n'êtes pas abonné. /subscribe pour recevoir le briefing chaque jour."
    ),
    "push.tz_usage": "Indiquez un fuseau horaire, par exemple : /tz Europe/Kyiv (actuel : {zone})",
    "push.tz_unknown": (
        "Je ne connais pas le fuseau « {text} ». Exemples : Europe/Paris, Europe/Kyiv, "
        "America/Montreal"
    ),
    "push.tz_done": "🌍 Fuseau horaire : {zone}. Prochain envoi : <b>{when}</b>.",
    "push.tz_saved": (
        "🌍 Fuseau horaire : {zone}. /subscribe pour recevoir le briefing chaque jour."
    ),
    "push.settings": (
        "<b>Briefing quotidien</b>\nAbonnement : {state}\nHeure : {time}\n"
        "Fuseau horaire : {zone}\nLangue : {language}\nProchain envoi : {when}"
    ),
    "push.state.on": "actif",
    "push.state.off": "aucun",
    "push.none": "—",
    "push.language.fr": "français",
    "push.language.en": "anglais",
    "push.button.time": "🕗 Heure",
    "push.button.zone": "🌍 Fuseau",
    "push.button.language": "🗣 Langue",
    "push.button.subscribe": "🔔 S'abonner",
    "push.button.unsubscribe": "🔕 Se désabonner",
    "push.button.back": "◀️ Retour",
    "push.pick.time": "Choisissez l'heure d'envoi (une autre : /subscribe 07:45) :",
    "push.pick.zone": "Choisissez le fuseau horaire (un autre : /tz Asia/Tokyo) :",
    "push.pick.language": "Choisissez la langue :",
    "push.saved": "Enregistré ✓",
    "push.channel.subscribed": (
        "📣 Le canal {title} est abonné : il recevra le briefing chaque jour à {time} ({zone}).\n"
        "Prochain envoi : <b>{when}</b>."
    ),
    "push.channel.refused": (
        "📣 Le canal {title} n'est pas abonné : seuls les administrateurs du bot peuvent "
        "abonner un canal."
    ),
    "push.channel.removed": "Le canal {title} est désabonné.",
    "push.channel.usage": "Indiquez le canal : {command} @nom",
    "push.channel.not_found": "Je ne trouve pas le canal {name}.",
    "push.channel.not_channel": "{name} n'est pas un canal.",
    "push.channel.not_admin": (
        "Je ne peux pas publier dans {name} : faites-moi administrateur avec le droit de "
        "publier des messages, puis réessayez."
    ),
    "push.channel.unknown": "{name} n'est pas un canal abonné.",
    "push.channels.title": "<b>Canaux</b> ({count})",
    "push.channels.none": "Aucun canal. /addchannel @nom pour en abonner un.",
    "push.channels.line": "• {title} — {state}, {time} ({zone})",
    "push.channel.state.on": "actif",
    "push.channel.state.removed": "retiré",
    "push.channel.state.blocked": "bloqué",
    "push.channel.state.unsubscribed": "désabonné",
    "push.publish.bad_date": "Je ne comprends pas la date « {text} ». Exemple : /publish 24/10",
    "push.publish.no_content": "Rien à envoyer : pas de briefing pour le {date}.",
    "push.publish.preparing": "Envoi du briefing du {date} : préparation…",
    "push.publish.progress": "Envoi : {done} / {total} — {blocked}",
    "push.publish.done": "✅ Envoyé : {sent} / {total} — {blocked}, {failed} · {duration}",
    "push.publish.nobody": "Tous les abonnés ont déjà reçu le briefing du {date}.",
    "push.blocked.one": "{count} bloqué",
    "push.blocked.other": "{count} bloqués",
    "push.failed.one": "{count} échec",
    "push.failed.other": "{count} échecs",
    "push.stats.title": "<b>Statistiques</b>",
    "push.stats.subscribers": (
        "Abonnés actifs : {active} ({users} personnes, {groups} groupes, {channels} canaux)\n"
        "Bloqués : {blocked} · désabonnés : {unsubscribed} · canaux retirés : {removed}"
    ),
    "push.stats.last": (
        "Dernier envoi ({kind}, {days}) : {started}\n"
        "{sent} envoyés, {failed} échecs, {blocked} bloqués, {in_doubt} en doute, "
        "{skipped} ignorés · {duration}"
    ),
    "push.stats.running": "en cours",
    "push.stats.no_content": "⚠️ Pas de contenu pour le {days} : rien n'a été envoyé.",
    "push.stats.never": "Aucun envoi pour l'instant.",
    "push.kind.scheduled": "quotidien",
    "push.kind.publish": "/publish",
}

EN: dict[str, str] = {
    "command.subscribe": "Get the briefing every day: /subscribe 07:30",
    "command.unsubscribe": "Stop the daily briefing",
    "command.settings": "Time, time zone and language of the daily briefing",
    "command.tz": "Time zone: /tz Europe/Kyiv",
    "command.channels": "Subscribed channels and their state",
    "command.addchannel": "Subscribe a channel: /addchannel @name",
    "command.removechannel": "Unsubscribe a channel: /removechannel @name",
    "command.publish": "Send the briefing now: /publish [DATE]",
    "command.stats": "Subscribers and the last push",
    "admin_guard.refused": "This command is for the bot's administrators only.",
    "push.when": "{date} at {time}",
    "push.subscribed": (
        "🔔 Done: you will get the briefing every day at {time} ({zone}).\n"
        "Next one: <b>{when}</b>.\n/settings to change the time, time zone or language."
    ),
    "push.bad_time": "I don't understand the time “{text}”. Example: /subscribe 07:30",
    "push.group_admins_only": "In a group, only its administrators manage the subscription.",
    "push.unsubscribed": "🔕 You will no longer get the daily briefing. /subscribe to resume.",
    "push.not_subscribed": "You are not subscribed. /subscribe to get the briefing every day.",
    "push.tz_usage": "Give a time zone, for example: /tz Europe/Kyiv (current: {zone})",
    "push.tz_unknown": (
        "I don't know the time zone “{text}”. Examples: Europe/Paris, Europe/Kyiv, America/Montreal"
    ),
    "push.tz_done": "🌍 Time zone: {zone}. Next briefing: <b>{when}</b>.",
    "push.tz_saved": "🌍 Time zone: {zone}. /subscribe to get the briefing every day.",
    "push.settings": (
        "<b>Daily briefing</b>\nSubscription: {state}\nTime: {time}\n"
        "Time zone: {zone}\nLanguage: {language}\nNext one: {when}"
    ),
    "push.state.on": "active",
    "push.state.off": "none",
    "push.none": "—",
    "push.language.fr": "French",
    "push.language.en": "English",
    "push.button.time": "🕗 Time",
    "push.button.zone": "🌍 Time zone",
    "push.button.language": "🗣 Language",
    "push.button.subscribe": "🔔 Subscribe",
    "push.button.unsubscribe": "🔕 Unsubscribe",
    "push.button.back": "◀️ Back",
    "push.pick.time": "Choose the time (another one: /subscribe 07:45):",
    "push.pick.zone": "Choose the time zone (another one: /tz Asia/Tokyo):",
    "push.pick.language": "Choose the language:",
    "push.saved": "Saved ✓",
    "push.channel.subscribed": (
        "📣 The channel {title} is subscribed: it will get the briefing every day at {time} "
        "({zone}).\nNext one: <b>{when}</b>."
    ),
    "push.channel.refused": (
        "📣 The channel {title} is not subscribed: only the bot's administrators can subscribe "
        "a channel."
    ),
    "push.channel.removed": "The channel {title} is unsubscribed.",
    "push.channel.usage": "Name the channel: {command} @name",
    "push.channel.not_found": "I can't find the channel {name}.",
    "push.channel.not_channel": "{name} is not a channel.",
    "push.channel.not_admin": (
        "I can't post in {name}: make me an administrator allowed to post messages, then try again."
    ),
    "push.channel.unknown": "{name} is not a subscribed channel.",
    "push.channels.title": "<b>Channels</b> ({count})",
    "push.channels.none": "No channel. /addchannel @name to subscribe one.",
    "push.channels.line": "• {title} — {state}, {time} ({zone})",
    "push.channel.state.on": "active",
    "push.channel.state.removed": "removed",
    "push.channel.state.blocked": "blocked",
    "push.channel.state.unsubscribed": "unsubscribed",
    "push.publish.bad_date": "I don't understand the date “{text}”. Example: /publish 24/10",
    "push.publish.no_content": "Nothing to send: there is no briefing for {date}.",
    "push.publish.preparing": "Sending the briefing of {date}: preparing…",
    "push.publish.progress": "Sending: {done} / {total} — {blocked}",
    "push.publish.done": "✅ Sent: {sent} / {total} — {blocked}, {failed} · {duration}",
    "push.publish.nobody": "Every subscriber already has the briefing of {date}.",
    "push.blocked.one": "{count} blocked",
    "push.blocked.other": "{count} blocked",
    "push.failed.one": "{count} failure",
    "push.failed.other": "{count} failures",
    "push.stats.title": "<b>Statistics</b>",
    "push.stats.subscribers": (
        "Active subscribers: {active} ({users} people, {groups} groups, {channels} channels)\n"
        "Blocked: {blocked} · unsubscribed: {unsubscribed} · channels removed: {removed}"
    ),
    "push.stats.last": (
        "Last push ({kind}, {days}): {started}\n"
        "{sent} sent, {failed} failed, {blocked} blocked, {in_doubt} in doubt, "
        "{skipped} skipped · {duration}"
    ),
    "push.stats.running": "running",
    "push.stats.no_content": "⚠️ No content for {days}: nothing was sent.",
    "push.stats.never": "No push yet.",
    "push.kind.scheduled": "daily",
    "push.kind.publish": "/publish",
}
