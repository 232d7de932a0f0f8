"""The Local Offer: the directory of local services for children with SEND, and finding them.

Service pages carry what families ask and what Open Referral UK 3.0 carries,
so the same content serves the council's pages, its search and the ORUK API.
"""
