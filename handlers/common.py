"""What every handler needs: the user's language and sending a rendered reply."""

from __future__ import annotations

from telegram import Message, Update

from bot.context import Context
from bot.i18n import pick_language
from bot.render import Reply
from storage import users


async def language_of(update: Update, context: Context) -> str:
    """The language to answer in: the user's /lang choice, else their Telegram language."""
    user, state = update.effective_user, context.user_data
    if user is None or state is None:
        return pick_language(None, None)
    if not state.language_loaded:
        state.language = await users.get_language(context.bot_data.db, user.id)
        state.language_loaded = True
    return pick_language(state.language, user.language_code)


async def send(update: Update, context: Context, reply: Reply) -> list[Message]:
    """Send the parts in order to the update's chat; the buttons go on the last part."""
    chat = update.effective_chat
    if chat is None:
        return []
    sent = []
    for number, part in enumerate(reply.parts, start=1):
        keyboard = reply.keyboard if number == len(reply.parts) else None
        sent.append(await context.bot.send_message(chat.id, part, reply_markup=keyboard))
    return sent
