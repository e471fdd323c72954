"""Interface labels of the site, the images and the print documents, translated like any other content."""

from pydantic import Field

from relais.models.common import Model, plain_text

Label = plain_text(120)
Sentence = plain_text(600)


class Statement(Model):
    """The accessibility statement, after the French RGAA model. ``{site}``, ``{publisher}``, ``{url}``,
    ``{date}``, ``{auditor}`` and ``{rate}`` are replaced by their values."""

    title: Label
    commitment: Sentence = Field(description="The publisher commits to accessibility (law of 11 February 2005, art. 47).")
    scope: Sentence = Field(description="Which site the statement covers: {site} ({url}).")
    conformity: Label = Field(description="Heading: conformity status.")
    non_conforme: Sentence
    partiellement_conforme: Sentence
    totalement_conforme: Sentence
    results: Label = Field(description="Heading: test results.")
    audit_result: Sentence = Field(description="With an audit: {auditor}, {date}, {rate}.")
    no_audit: Sentence
    non_accessible: Label = Field(description="Heading: content that is not accessible.")
    none_known: Sentence
    established: Label = Field(description="Heading: how the statement was made.")
    established_on: Sentence = Field(description="This statement was written on {date}.")
    technologies: Label
    test_environment: Label
    contact: Label = Field(description="Heading: feedback and contact.")
    contact_text: Sentence
    contact_link: Label
    recourse: Label = Field(description="Heading: legal remedies (Défenseur des droits).")
    recourse_text: Sentence
    recourse_form: Label
    recourse_delegate: Label
    recourse_post: Sentence = Field(description="Free post to the Défenseur des droits, with its address.")


class Labels(Model):
    home: Label
    guides: Label
    case_study: Label
    for_communicators: Label
    key_message: Label
    what_to_do: Label
    infographic: Label
    infographic_hint: Label = Field(description="Under the image: the text of the page describes it in full.")
    downloads: Label
    image: Label
    vector_image: Label
    leaflet: Label
    flyer: Label
    poster: Label
    handout: Label
    press_edition: Label
    kilobytes: Label = Field(description="Abbreviation of kilobytes, e.g. 'Ko' in French.")
    sources: Label
    emergency_numbers: Label
    official_accounts: Label
    timeline: Label
    key_figures: Label
    lessons: Label
    do: Label
    dont: Label
    not_translated: Label = Field(description="Notice on a page where some texts are shown in the default language.")
    outdated_translation: Label = Field(description="Discreet notice on a page whose translation predates a change of the source text.")
    continued_overleaf: Label = Field(description="Foot of a printed page that turns to another, e.g. 'Suite au verso'.")
    choose_language: Label
    share: Label = Field(description="Heading of the share links.")
    suggested_message: Label = Field(description="Before the ready-made message that the share links post.")
    email: Label = Field(description="Share by e-mail.")
    share_native: Label = Field(description="Button opening the phone's own share menu.")
    copy_link: Label
    link_copied: Label
    mastodon_server: Label = Field(description="Field where a reader types their Mastodon server, e.g. mastodon.social.")
    mastodon_share: Label
    alert_info: Label = Field(description="Word before the banner text when the alert level is 'info'.")
    alert_warning: Label
    alert_danger: Label
    more_information: Label
    not_found_title: Label
    not_found_text: Label
    back_home: Label
    offline_copy: Label = Field(description="Link to the whole site as a ZIP file that works without a connection.")
    accessibility_non_conforme: Label = Field(description="Footer of every page, e.g. 'Accessibilité : non conforme'.")
    local_editions: Label = Field(description="Heading of the list of local editions (prefectures).")
    accessibility_partiellement_conforme: Label
    accessibility_totalement_conforme: Label
    statement: Statement


class Interface(Model):
    labels: Labels
