"""Mostrador: a counter app for Mexican small businesses that bill through gigstack."""

__version__ = "0.1.0"
