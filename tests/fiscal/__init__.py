"""Tests for desktop.fiscal (a package so module names cannot clash with other test dirs)."""
