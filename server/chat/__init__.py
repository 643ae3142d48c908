"""Chat: understanding a message, conversations, composing answers."""
