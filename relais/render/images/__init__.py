"""Infographics: shareable images drawn from the content, right in every language.

How an image is made (``relais.render.images.infographics`` drives it for a language):

- ``formats``: the five social-media shapes (and the 1200x630 card), sizes scaled from 1080 px;
- ``scene``: one job = a page, an infographic (or its card) and a format; ``draw`` returns its SVG;
- ``frame``: what every image shares (logo, site name, publisher, title, key message, footer
  with the page's short address and the hashtags) and the box left for the layout;
- ``layouts/*``: checklist, do-dont, timeline, key-figures, phases, card; each computes ready
  values (positions, colours, text and icon markup) for its Jinja2 template in ``infographics/``;
- ``rows``: the advice rows most layouts are made of (icon in a circle, title, text, a badge beside
  the icon), fitted at one shared type size, the density chosen by measuring the texts;
- ``typeset``: fitting texts with ``relais.text`` and collecting clear, located problems;
- ``paint`` and ``geometry``: logical boxes mirrored for right-to-left images in one place,
  colours, and the record of every colour pair drawn (checked against WCAG in ``colour``);
- ``logo``: the brand logo inlined as sanitised vector shapes;
- ``cache``: rasters stored under a hash of all their inputs.
"""
