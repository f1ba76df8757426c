"""Tests of desktop.gigstack (a package so module names cannot clash with other test dirs)."""
