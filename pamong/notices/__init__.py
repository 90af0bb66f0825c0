"""In-app notices (pemberitahuan) with an e-mail copy: reminders, returned reports, new follow-ups."""
