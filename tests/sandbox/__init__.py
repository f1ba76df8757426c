"""Tests of desktop.sandbox (a package so module names cannot clash with other test dirs)."""
