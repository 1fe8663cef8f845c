"""An e-mail backend as slow as a distant mail server, so that a test can kill the job
worker in the middle of a sweep. Messages are written to files like the demo's."""

import os
import time

from django.core.mail.backends.filebased import EmailBackend


class SlowFileEmailBackend(EmailBackend):
    def send_messages(self, email_messages):
        time.sleep(float(os.environ.get("KLIENTO_TEST_MAIL_DELAY", "0.02")))
        return super().send_messages(email_messages)
