"""Headers that name a message's request and kind for the mailer; never sent on.

The SES mailer turns them into message tags (so a bounce finds its request) and removes them.
"""

TRACKING_HEADER = "X-PRA-Tracking-Number"
KIND_HEADER = "X-PRA-Email-Kind"

# The SES message tags the mailer makes of them, which bounce notifications carry back.
TRACKING_TAG, KIND_TAG = "tracking_number", "kind"
UNKNOWN = "unknown"
