"""Common analytics, advertising and session-recording hosts, so reports name a tracker as such.

A host matches an entry when it is the entry or a subdomain of it (`www.google-analytics.com`
matches `google-analytics.com`). The list is short on purpose: it names the services most often
found on school websites (from the vendors' own documentation of their script and pixel hosts), so
that "script from googletagmanager.com" reads "Google Tag Manager (analytics)". Any host outside the
district that is not on `approved_vendors` is reported whether or not it is listed here.
"""
from __future__ import annotations

ANALYTICS = "analytics"
ADVERTISING = "advertising"
RECORDING = "session recording"
SOCIAL = "social-media tracking"

KNOWN_HOSTS: dict[str, tuple[str, str]] = {
    # analytics
    "google-analytics.com": ("Google Analytics", ANALYTICS),
    "analytics.google.com": ("Google Analytics", ANALYTICS),
    "googletagmanager.com": ("Google Tag Manager", ANALYTICS),
    "clarity.ms": ("Microsoft Clarity", RECORDING),
    "hotjar.com": ("Hotjar", RECORDING),
    "hotjar.io": ("Hotjar", RECORDING),
    "fullstory.com": ("FullStory", RECORDING),
    "mouseflow.com": ("Mouseflow", RECORDING),
    "luckyorange.com": ("Lucky Orange", RECORDING),
    "luckyorange.net": ("Lucky Orange", RECORDING),
    "crazyegg.com": ("Crazy Egg", RECORDING),
    "mixpanel.com": ("Mixpanel", ANALYTICS),
    "segment.com": ("Segment", ANALYTICS),
    "segment.io": ("Segment", ANALYTICS),
    "amplitude.com": ("Amplitude", ANALYTICS),
    "heapanalytics.com": ("Heap", ANALYTICS),
    "heap.io": ("Heap", ANALYTICS),
    "newrelic.com": ("New Relic", ANALYTICS),
    "nr-data.net": ("New Relic", ANALYTICS),
    "quantserve.com": ("Quantcast", ANALYTICS),
    "scorecardresearch.com": ("Comscore", ANALYTICS),
    "chartbeat.com": ("Chartbeat", ANALYTICS),
    "chartbeat.net": ("Chartbeat", ANALYTICS),
    "statcounter.com": ("StatCounter", ANALYTICS),
    "siteimproveanalytics.com": ("Siteimprove Analytics", ANALYTICS),
    "siteimproveanalytics.io": ("Siteimprove Analytics", ANALYTICS),
    "optimizely.com": ("Optimizely", ANALYTICS),
    "mc.yandex.ru": ("Yandex Metrica", ANALYTICS),
    "hs-analytics.net": ("HubSpot", ANALYTICS),
    "hs-scripts.com": ("HubSpot", ANALYTICS),
    "munchkin.marketo.net": ("Marketo", ANALYTICS),
    "pardot.com": ("Salesforce Pardot", ANALYTICS),
    # advertising
    "doubleclick.net": ("Google Ads (DoubleClick)", ADVERTISING),
    "googlesyndication.com": ("Google AdSense", ADVERTISING),
    "googleadservices.com": ("Google Ads", ADVERTISING),
    "adservice.google.com": ("Google Ads", ADVERTISING),
    "amazon-adsystem.com": ("Amazon Ads", ADVERTISING),
    "adnxs.com": ("Xandr (Microsoft)", ADVERTISING),
    "bat.bing.com": ("Microsoft Advertising", ADVERTISING),
    "criteo.com": ("Criteo", ADVERTISING),
    "criteo.net": ("Criteo", ADVERTISING),
    "taboola.com": ("Taboola", ADVERTISING),
    "outbrain.com": ("Outbrain", ADVERTISING),
    "adsrvr.org": ("The Trade Desk", ADVERTISING),
    "rubiconproject.com": ("Magnite (Rubicon)", ADVERTISING),
    "pubmatic.com": ("PubMatic", ADVERTISING),
    "openx.net": ("OpenX", ADVERTISING),
    "moatads.com": ("Moat", ADVERTISING),
    "addthis.com": ("AddThis", ADVERTISING),
    "sharethis.com": ("ShareThis", ADVERTISING),
    # social-media pixels
    "connect.facebook.net": ("Meta Pixel", SOCIAL),
    "facebook.com/tr": ("Meta Pixel", SOCIAL),
    "ads-twitter.com": ("X (Twitter) Ads", SOCIAL),
    "analytics.twitter.com": ("X (Twitter) Ads", SOCIAL),
    "snap.licdn.com": ("LinkedIn Insight", SOCIAL),
    "px.ads.linkedin.com": ("LinkedIn Insight", SOCIAL),
    "ct.pinterest.com": ("Pinterest Tag", SOCIAL),
    "analytics.tiktok.com": ("TikTok Pixel", SOCIAL),
    "sc-static.net": ("Snap Pixel", SOCIAL),
    "tr.snapchat.com": ("Snap Pixel", SOCIAL),
}


def lookup(host: str, path: str = "") -> tuple[str, str] | None:
    """(service, category) for a host (or one of its parent domains), or None when not listed."""
    host = host.lower().rstrip(".")
    if path and f"{host.removeprefix('www.')}{path.rstrip('/')}" in KNOWN_HOSTS:  # e.g. facebook.com/tr
        return KNOWN_HOSTS[f"{host.removeprefix('www.')}{path.rstrip('/')}"]
    labels = host.split(".")
    for i in range(len(labels) - 1):
        hit = KNOWN_HOSTS.get(".".join(labels[i:]))
        if hit:
            return hit
    return None
