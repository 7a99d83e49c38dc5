"""The Bot API methods the fake implements; importing this package registers them all."""

from . import bot, chats, messages, queries, updates
from .registry import METHODS, Method

__all__ = ["METHODS", "Method", "bot", "chats", "messages", "queries", "updates"]
