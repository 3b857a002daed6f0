"""The written responses the law requires: builder, words, templates. Imports: domain, emails."""
