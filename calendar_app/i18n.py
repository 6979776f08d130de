"""UI labels in French and English; the workspace's language chooses."""

from __future__ import annotations

from datetime import datetime

LABELS: dict[str, dict[str, str]] = {
    "workspace": {"fr": "Marque", "en": "Brand"},
    "calendar": {"fr": "Calendrier", "en": "Calendar"},
    "from": {"fr": "Du", "en": "From"},
    "weeks": {"fr": "Semaines affichées", "en": "Weeks shown"},
    "day": {"fr": "Jour", "en": "Day"},
    "time": {"fr": "Heure", "en": "Time"},
    "channel": {"fr": "Canal", "en": "Channel"},
    "title": {"fr": "Titre", "en": "Title"},
    "status": {"fr": "Statut", "en": "Status"},
    "no_posts": {"fr": "Aucune publication sur cette période.", "en": "No posts in this period."},
    "no_workspace": {
        "fr": "Aucune marque pour l'instant : lancez `edito demo` ou créez-en une.",
        "en": "No brand yet: run `edito demo` or create one.",
    },
    "posts_count": {"fr": "{count} publications", "en": "{count} posts"},
    "compose": {"fr": "Rédiger", "en": "Compose"},
    "no_channel": {"fr": "Cette marque n'a pas encore de canal.", "en": "This brand has no channel yet."},
    "body": {"fr": "Texte publié", "en": "Published text"},
    "body.placeholder": {"fr": "Écrivez ici le texte de la publication…", "en": "Write the post's text here…"},
    "length": {"fr": "{used} / {limit} caractères comptés comme {platform}",
               "en": "{used} / {limit} characters, counted as {platform} does"},
    "objective": {"fr": "Objectif", "en": "Objective"},
    "pillar": {"fr": "Pilier éditorial", "en": "Content pillar"},
    "campaign": {"fr": "Campagne", "en": "Campaign"},
    "sponsorship": {"fr": "Partenariat", "en": "Sponsorship"},
    "partner": {"fr": "Marque partenaire", "en": "Partner brand"},
    "link": {"fr": "Lien", "en": "Link"},
    "checks": {"fr": "Relecture automatique", "en": "Pre-publication check"},
    "preview": {"fr": "Aperçu", "en": "Preview"},
    "see_more_cut": {"fr": "Seuls les {visible} premiers caractères sont visibles avant « … plus » sur {platform}.",
                     "en": "Only the first {visible} characters show before \"… more\" on {platform}."},
    "start_typing": {"fr": "Commencez à écrire : la relecture s'affiche ici.",
                     "en": "Start typing: the check shows here."},
    "save": {"fr": "Enregistrer le brouillon", "en": "Save draft"},
    "saved": {"fr": "Brouillon n°{id} enregistré.", "en": "Draft #{id} saved."},
    "objective.awareness": {"fr": "Notoriété", "en": "Awareness"},
    "objective.engagement": {"fr": "Engagement", "en": "Engagement"},
    "objective.traffic": {"fr": "Trafic", "en": "Traffic"},
    "objective.conversion": {"fr": "Conversion", "en": "Conversion"},
    "objective.community": {"fr": "Communauté", "en": "Community"},
    "objective.customer_care": {"fr": "Service client", "en": "Customer care"},
    "pillar.educational": {"fr": "Pédagogique", "en": "Educational"},
    "pillar.entertaining": {"fr": "Divertissant", "en": "Entertaining"},
    "pillar.inspirational": {"fr": "Inspirant", "en": "Inspirational"},
    "pillar.community": {"fr": "Communauté", "en": "Community"},
    "pillar.behind_the_scenes": {"fr": "Coulisses", "en": "Behind the scenes"},
    "pillar.news": {"fr": "Actualité", "en": "News"},
    "pillar.promotional": {"fr": "Promotionnel", "en": "Promotional"},
    "sponsorship.none": {"fr": "Aucun", "en": "None"},
    "sponsorship.paid": {"fr": "Rémunéré", "en": "Paid"},
    "sponsorship.gifted": {"fr": "Produit offert", "en": "Gifted"},
    "sponsorship.affiliate": {"fr": "Affiliation", "en": "Affiliate"},
    "sponsorship.employee": {"fr": "Salarié de la marque", "en": "Employee"},
    "sponsorship.own_product": {"fr": "Produit de la marque", "en": "Own product"},
    # --- review (labels of the review page) ---
    "review": {"fr": "Relecture", "en": "Review"},
    "review.waiting": {"fr": "{count} publication(s) en attente de relecture", "en": "{count} post(s) waiting for review"},
    "review.empty": {"fr": "Aucune publication en attente de relecture.", "en": "No post is waiting for review."},
    "review.by": {"fr": "par {name}", "en": "by {name}"},
    "review.open_post": {"fr": "Ouvrir la publication", "en": "Open the post"},
    "review.read_only": {"fr": "Seuls les éditeurs et les admins valident une publication ou demandent des "
                               "modifications : vous pouvez lire la file ici.",
                         "en": "Only editors and admins approve a post or request changes: you can read the queue "
                               "here."},
    "review.unscheduled": {"fr": "non programmée", "en": "not scheduled"},
    "review.unknown_author": {"fr": "auteur inconnu", "en": "unknown author"},
    "review.approve": {"fr": "Valider", "en": "Approve"},
    "review.approved": {"fr": "« {title} » est validée.", "en": "\"{title}\" is approved."},
    "review.blocked": {"fr": "Validation bloquée par la relecture automatique : {codes}.",
                       "en": "Approval blocked by the pre-publication check: {codes}."},
    "review.override_reason": {"fr": "Raison de passer outre (obligatoire, gardée dans l'historique)",
                               "en": "Reason to override (required, kept in the audit trail)"},
    "review.override": {"fr": "Valider malgré tout", "en": "Approve anyway"},
    "review.override_needs_reason": {"fr": "Indiquez la raison pour passer outre la relecture automatique.",
                                     "en": "Give the reason to override the pre-publication check."},
    "review.comment": {"fr": "Ce qu'il faut changer", "en": "What should change"},
    "review.request_changes": {"fr": "Demander des modifications", "en": "Request changes"},
    "review.changes_requested": {"fr": "Modifications demandées pour « {title} ».",
                                 "en": "Changes requested for \"{title}\"."},
    "review.last_comment": {"fr": "Demande de la relecture : {comment}", "en": "Reviewer's request: {comment}"},
    "compose.editing": {"fr": "Publication n°{id} · {status} · version {version}",
                        "en": "Post #{id} · {status} · version {version}"},
    "compose.new_post": {"fr": "Nouvelle publication", "en": "New post"},
    "compose.bad_id": {"fr": "« {value} » n'est pas un numéro de publication.", "en": "\"{value}\" is not a post number."},
    "compose.other_brand": {"fr": "Cette publication appartient à une autre marque : choisissez « {name} ».",
                            "en": "This post belongs to another brand: choose \"{name}\"."},
    "compose.save_changes": {"fr": "Enregistrer les modifications", "en": "Save changes"},
    "compose.updated": {"fr": "Publication n°{id} enregistrée (version {version}).",
                        "en": "Post #{id} saved (version {version})."},
    "compose.submit": {"fr": "Soumettre à la relecture", "en": "Submit for review"},
    "compose.submitted": {"fr": "Publication n°{id} soumise à la relecture.", "en": "Post #{id} submitted for review."},
    "compose.unsaved": {"fr": "Enregistrez vos modifications avant de soumettre.", "en": "Save your changes before submitting."},
    "compose.no_user": {"fr": "Choisissez qui vous êtes dans la barre latérale.", "en": "Choose who you are in the sidebar."},
    "compose.conflict_current": {"fr": "Version enregistrée (n°{version})", "en": "Saved version (#{version})"},
    "compose.conflict_yours": {"fr": "Votre version (non enregistrée)", "en": "Your version (not saved)"},
    "compose.reload": {"fr": "Abandonner mes modifications et recharger", "en": "Discard my changes and reload"},
    # --- compose: more actions ---
    "compose.more_actions": {"fr": "Autres actions", "en": "More actions"},
    "compose.adapt_to": {"fr": "Adapter pour le canal", "en": "Adapt for channel"},
    "compose.adapt": {"fr": "Créer la version adaptée", "en": "Create the adapted version"},
    "compose.adapted": {"fr": "Version n°{id} créée pour {channel}, liée à l'original : adaptez-la.",
                        "en": "Version #{id} created for {channel}, linked to the original: adapt it."},
    "compose.delete": {"fr": "Mettre à la corbeille", "en": "Move to trash"},
    "compose.deleted": {"fr": "Publication n°{id} mise à la corbeille (restaurable depuis la Corbeille).",
                        "en": "Post #{id} moved to the trash (restore it from Trash)."},
    # --- calendar grid ---
    "view": {"fr": "Affichage", "en": "View"},
    "view.month": {"fr": "Mois", "en": "Month"},
    "view.week": {"fr": "Semaine", "en": "Week"},
    "view.list": {"fr": "Liste", "en": "List"},
    "view.table": {"fr": "Tableau", "en": "Table"},
    "filters": {"fr": "Filtres", "en": "Filters"},
    "filter.channels": {"fr": "Canaux", "en": "Channels"},
    "filter.statuses": {"fr": "Statuts", "en": "Statuses"},
    "filter.campaign": {"fr": "Campagne", "en": "Campaign"},
    "filter.author": {"fr": "Auteur", "en": "Author"},
    "filter.pillars": {"fr": "Piliers éditoriaux", "en": "Content pillars"},
    "filter.all": {"fr": "Toutes", "en": "All"},
    "filter.everyone": {"fr": "Tout le monde", "en": "Everyone"},
    "filter.any": {"fr": "Tous", "en": "All"},
    "grid.today": {"fr": "Aujourd'hui", "en": "Today"},
    "grid.month": {"fr": "Mois", "en": "Month"},
    "grid.week": {"fr": "Semaine", "en": "Week"},
    "grid.list": {"fr": "Liste", "en": "List"},
    "grid.all_day": {"fr": "Journée", "en": "All day"},
    "grid.more": {"fr": "de plus", "en": "more"},
    "grid.week_short": {"fr": "S", "en": "W"},
    "grid.hint": {"fr": "Glissez une publication pour la reprogrammer ; cliquez dessus pour l'ouvrir. "
                        "Heures affichées dans le fuseau {timezone}.",
                  "en": "Drag a post to reschedule it; click it to open it. Times shown in {timezone}."},
    "rescheduled": {"fr": "« {title} » reprogrammée au {when}.", "en": "\"{title}\" rescheduled to {when}."},
    "reschedule_failed": {"fr": "Reprogrammation refusée : {error}", "en": "Rescheduling refused: {error}"},
    "posts.conflict": {"en": "Post {id} was changed by someone else (version {version}, you edited version "
                             "{expected}); nothing was overwritten.",
                       "fr": "La publication n°{id} a été modifiée par quelqu'un d'autre entre-temps (version "
                             "{version}, vous modifiiez la version {expected}) : rien n'a été écrasé."},
    "posts.back_to_review": {"fr": "Le message était validé : il repasse en relecture.",
                             "en": "The post was approved: it goes back to review."},
    "open_post": {"fr": "Ouvrir « {title} »", "en": "Open \"{title}\""},
    # --- insights ---
    "insights": {"fr": "Analyses", "en": "Insights"},
    "insights.period": {"fr": "Période", "en": "Period"},
    "insights.pick_end": {"fr": "Choisissez aussi la date de fin de la période.",
                          "en": "Choose the end date of the period too."},
    "insights.summary": {"fr": "{count} publications du {first} au {last} · semaines du lundi au dimanche, {zone}",
                         "en": "{count} posts from {first} to {last} · weeks from Monday to Sunday, {zone}"},
    "insights.week": {"fr": "Semaine du", "en": "Week of"},
    "insights.posts": {"fr": "Publications", "en": "Posts"},
    "insights.posts_per_week": {"fr": "Publications par canal et par semaine", "en": "Posts per channel per week"},
    "insights.commercial": {"fr": "Part commerciale par canal et par semaine",
                            "en": "Commercial share per channel per week"},
    "insights.commercial_help": {
        "fr": "Une publication est commerciale si son pilier est promotionnel, ou si la relecture y relève du "
              "discours de vente (famille COM, niveau attention ou plus). La ligne pointillée est la part "
              "maximale visée par la marque : {target}.",
        "en": "A post is commercial when its pillar is promotional, or when the checker flags sales talk in it "
              "(COM family, warning or above). The dashed line is the brand's highest target share: {target}.",
    },
    "insights.share": {"fr": "Part commerciale", "en": "Commercial share"},
    "insights.commercial_posts": {"fr": "Publications commerciales", "en": "Commercial posts"},
    "insights.target": {"fr": "Objectif maximal", "en": "Target (highest)"},
    "insights.over_target": {"fr": "Au-dessus de l'objectif sur la période : {channels}.",
                             "en": "Above the target over the period: {channels}."},
    "insights.findings": {"fr": "Alertes de la relecture par famille et gravité",
                          "en": "Checker findings by family and severity"},
    "insights.family": {"fr": "Famille", "en": "Family"},
    "insights.severity": {"fr": "Gravité", "en": "Severity"},
    "insights.count": {"fr": "Alertes", "en": "Findings"},
    "insights.no_findings": {"fr": "Aucune alerte sur cette période.", "en": "No findings in this period."},
    "insights.family.COM": {"fr": "COM · commercial", "en": "COM · commercial"},
    "insights.family.IMP": {"fr": "IMP · impersonnel", "en": "IMP · impersonal"},
    "insights.family.SPO": {"fr": "SPO · partenariat", "en": "SPO · sponsorship"},
    "insights.family.CHN": {"fr": "CHN · canal", "en": "CHN · channel"},
    "insights.family.MES": {"fr": "MES · mesure", "en": "MES · measurement"},
    "insights.severity.error": {"fr": "erreur", "en": "error"},
    "insights.severity.warning": {"fr": "attention", "en": "warning"},
    "insights.severity.info": {"fr": "info", "en": "info"},
    "insights.silences": {"fr": "Plus longs silences par canal", "en": "Longest silences per channel"},
    "insights.silences_help": {
        "fr": "Barre : le plus long écart entre deux publications consécutives du canal sur la période. "
              "Trait noir : l'écart prévu par sa fréquence (7 jours ÷ publications par semaine).",
        "en": "Bar: the longest gap between two consecutive posts of the channel in the period. "
              "Black tick: the gap its planned frequency allows (7 days ÷ posts per week).",
    },
    "insights.gap_days": {"fr": "Plus long silence (jours)", "en": "Longest silence (days)"},
    "insights.expected_gap": {"fr": "Écart prévu (jours)", "en": "Planned gap (days)"},
    "insights.gap_from": {"fr": "Du", "en": "From"},
    "insights.gap_to": {"fr": "Au", "en": "To"},
    "insights.too_few": {"fr": "Moins de deux publications sur la période : {channels}.",
                         "en": "Fewer than two posts in the period: {channels}."},
    "insights.top_posts": {"fr": "Publications les plus signalées", "en": "Posts with the most findings"},
    "insights.worst": {"fr": "Plus grave", "en": "Worst"},
    "insights.open": {"fr": "Ouvrir", "en": "Open"},
    "insights.post": {"fr": "Publication", "en": "Post"},
    # --- import / export ---
    "exchange": {"fr": "Importer / exporter", "en": "Import / export"},
    # --- messages of the import (the CLI shows the English, the pages their language) ---
    "import.not_a_value": {"en": "{value!r} is not a {column}; use one of {choices}",
                           "fr": "« {value} » n'est pas une valeur de {column} ; valeurs possibles : {choices}"},
    "import.not_a_platform": {"en": "{value!r} is not a platform; use one of {choices}",
                              "fr": "« {value} » n'est pas une plateforme ; plateformes possibles : {choices}"},
    "import.not_a_datetime": {"en": "{value!r} is not a date and time like {example}",
                              "fr": "« {value} » n'est pas une date et heure comme {example}"},
    "import.no_channel": {"en": "no channel: fill the column or choose the channel for the whole file",
                          "fr": "pas de canal : remplissez la colonne ou choisissez le canal de tout le fichier"},
    "import.unknown_channel": {"en": "no channel named {name!r} in {brand}; add it in the settings, or give its "
                                     "platform to create it",
                               "fr": "aucun canal « {name} » dans {brand} : ajoutez-le dans les réglages, ou "
                                     "indiquez sa plateforme pour le créer"},
    "import.platform_earlier": {"en": "channel {name!r} is {known} on an earlier row, not {platform}",
                                "fr": "le canal « {name} » est sur {known} à une ligne précédente, pas sur {platform}"},
    "import.platform_mismatch": {"en": "channel {name!r} is on {known}, not {platform}",
                                 "fr": "le canal « {name} » est sur {known}, pas sur {platform}"},
    "import.not_an_email": {"en": "{email!r} is not an email address: this column names a person by their email "
                                  "(kept as written when they have no account here), or stays empty",
                            "fr": "« {email} » n'est pas une adresse e-mail : cette colonne désigne une personne par "
                                  "son adresse (gardée telle quelle si elle n'a pas de compte ici), ou reste vide"},
    "import.uid_in_calendar": {"en": "post {uid} is already in the calendar",
                               "fr": "la publication {uid} est déjà dans le calendrier"},
    "import.same_as_stored": {"en": "same channel, time and text as a post already in the calendar",
                              "fr": "même canal, même heure et même texte qu'une publication du calendrier"},
    "import.same_as_row": {"en": "same channel, time and text as row {row}",
                           "fr": "même canal, même heure et même texte que la ligne {row}"},
    "import.same_uid_as_row": {"en": "same uid as row {row}", "fr": "même uid que la ligne {row}"},
    "import.columns_not_read": {"en": "Columns not read: {columns}.", "fr": "Colonnes ignorées : {columns}."},
    # --- messages of the services shown on the settings page ---
    "members.self.demote": {"en": "{name} cannot demote themselves: another admin can.",
                            "fr": "{name} ne peut pas se rétrograder : un autre admin le peut."},
    "members.self.disable": {"en": "{name} cannot disable their own account: another admin can.",
                             "fr": "{name} ne peut pas désactiver son propre compte : un autre admin le peut."},
    "members.self.remove": {"en": "{name} cannot remove themselves from a brand: another admin can.",
                            "fr": "{name} ne peut pas se retirer d'une marque : un autre admin le peut."},
    "members.last_admin": {"en": "{name} is the last active admin: make someone else an admin first, or nobody "
                                 "could manage the team.",
                           "fr": "{name} est le dernier admin actif : nommez d'abord un autre admin, sinon personne "
                                 "ne pourrait gérer l'équipe."},
    "members.already": {"en": "{name} ({email}) can already open {brand}.",
                        "fr": "{name} ({email}) a déjà accès à {brand}."},
    "members.email_taken": {"en": "A user with the email {email!r} already exists.",
                            "fr": "Un compte existe déjà avec l'adresse « {email} »."},
    "members.admin_everywhere": {"en": "{name} is an admin and opens every brand: change their role first.",
                                 "fr": "{name} est admin et ouvre toutes les marques : changez d'abord son rôle."},
    "password.too_short": {"en": "The password needs {count} characters or more.",
                           "fr": "Le mot de passe doit compter au moins {count} caractères."},
    "password.too_long": {"en": "The password must not be longer than {count} characters.",
                          "fr": "Le mot de passe ne doit pas dépasser {count} caractères."},
    "settings.campaign_dates": {"en": "The campaign would end before it starts.",
                                "fr": "La campagne finirait avant de commencer."},
    "settings.workspace_name_taken": {"en": "A workspace named {name!r} already exists.",
                                      "fr": "Une marque nommée « {name} » existe déjà."},
    "settings.workspace_name_archived": {"en": "An archived workspace is named {name!r}: restore it (edito workspace "
                                               "restore) or choose another name.",
                                         "fr": "Une marque archivée s'appelle « {name} » : restaurez-la (edito "
                                               "workspace restore) ou choisissez un autre nom."},
    "settings.name_taken.channel": {"en": "This workspace already has a channel named {name!r}.",
                                    "fr": "Cette marque a déjà un canal nommé « {name} »."},
    "settings.name_taken.campaign": {"en": "This workspace already has a campaign named {name!r}.",
                                     "fr": "Cette marque a déjà une campagne nommée « {name} »."},
    "action.change_settings": {"en": "change the brand's settings", "fr": "modifier les réglages de la marque"},
    "action.add_channels": {"en": "add channels", "fr": "ajouter des canaux"},
    "action.edit_channels": {"en": "edit channels", "fr": "modifier des canaux"},
    "action.add_campaigns": {"en": "add campaigns", "fr": "ajouter des campagnes"},
    "action.edit_campaigns": {"en": "edit campaigns", "fr": "modifier des campagnes"},
    "action.add_accounts": {"en": "add accounts", "fr": "ajouter des comptes"},
    "action.give_access": {"en": "give access to a brand", "fr": "donner accès à une marque"},
    "action.add_members": {"en": "add members", "fr": "ajouter des membres"},
    "action.change_roles": {"en": "change roles", "fr": "changer les rôles"},
    "action.enable_disable": {"en": "enable or disable accounts", "fr": "activer ou désactiver des comptes"},
    "action.remove_members": {"en": "remove members from a brand", "fr": "retirer des membres d'une marque"},
    "action.reset_passwords": {"en": "reset passwords", "fr": "réinitialiser des mots de passe"},
    "action.import_new_channels": {"en": "add the channels {channels}", "fr": "ajouter les canaux {channels}"},
    "admin_only": {"en": "{name} is a {role}: only admins can {action}.",
                   "fr": "{name} est {role} : seuls les admins peuvent {action}."},
    "admin_only.nobody": {"en": "Only admins can {action}, and nobody is signed in.",
                          "fr": "Seuls les admins peuvent {action}, et personne n'est connecté."},
    "import.editors_only": {"en": "{name} is a {role}: only editors and admins can import a calendar.",
                            "fr": "{name} est {role} : seuls les éditeurs et les admins peuvent importer un "
                                  "calendrier."},
    "writer.new_post_status": {"en": "{name} is a writer: a new post starts as an idea or a draft.",
                               "fr": "{name} est rédacteur·rice : une nouvelle publication commence comme idée ou "
                                     "brouillon."},
    "writer.own_author": {"en": "{name} is a writer: they can only create posts they author.",
                          "fr": "{name} est rédacteur·rice : seulement des publications dont iel est l'auteur·rice."},
    "writer.own_posts": {"en": "{name} is a writer: they can only change their own posts.",
                         "fr": "{name} est rédacteur·rice : iel ne peut modifier que ses propres publications."},
    "writer.locked": {"en": "{name} is a writer: a post {status} can no longer be changed by its writer; an editor "
                            "can.",
                      "fr": "{name} est rédacteur·rice : une publication au statut {status} ne se modifie plus par "
                            "son auteur·rice ; un éditeur le peut."},
    "writer.status": {"en": "{name} is a writer: only editors and admins can mark a post {status}.",
                      "fr": "{name} est rédacteur·rice : seuls les éditeurs et les admins peuvent passer une "
                            "publication au statut {status}."},
    # --- the models' own checks (pydantic), and pydantic's usual refusals ---
    "model.timezone": {"en": "{value!r} is not an IANA timezone (for example Europe/Paris)",
                       "fr": "« {value} » n'est pas un fuseau horaire IANA (par exemple Europe/Paris)"},
    "model.colour": {"en": "{value!r} is not a colour like #1f77b4",
                     "fr": "« {value} » n'est pas une couleur comme #1f77b4"},
    "model.link": {"en": "{value!r} is not a web link starting with http:// or https://",
                   "fr": "« {value} » n'est pas un lien web commençant par http:// ou https://"},
    "model.nul": {"en": "contains a NUL character (\\x00), which cannot be stored; remove it",
                  "fr": "contient un caractère NUL (\\x00), qui ne peut pas être enregistré : retirez-le"},
    "model.empty.workspace": {"en": "The workspace name must not be empty",
                              "fr": "Le nom de la marque ne peut pas être vide"},
    "model.empty.channel": {"en": "The channel name must not be empty", "fr": "Le nom du canal ne peut pas être vide"},
    "model.empty.campaign": {"en": "The campaign name must not be empty",
                             "fr": "Le nom de la campagne ne peut pas être vide"},
    "model.empty.user": {"en": "The user name must not be empty", "fr": "Le nom de la personne ne peut pas être vide"},
    "model.campaign_dates": {"en": "the campaign ends before it starts", "fr": "la campagne finit avant de commencer"},
    "model.email": {"en": "{value!r} is not an email address", "fr": "« {value} » n'est pas une adresse e-mail"},
    "pydantic.string_too_long": {"en": "String should have at most {max_length} characters",
                                 "fr": "{max_length} caractères au plus"},
    "pydantic.string_too_short": {"en": "String should have at least {min_length} characters",
                                  "fr": "{min_length} caractères au moins"},
    "pydantic.missing": {"en": "Field required", "fr": "à remplir"},
    "pydantic.greater_than_equal": {"en": "Input should be greater than or equal to {ge}",
                                    "fr": "au moins {ge}"},
    "pydantic.less_than_equal": {"en": "Input should be less than or equal to {le}", "fr": "au plus {le}"},
    # --- messages of the review and post services ---
    "review.only_reviewers": {"en": "{name} is a {role}: only editors and admins can {action}.",
                              "fr": "{name} est {role} : seuls les éditeurs et les admins peuvent {action}."},
    "review.action.approve": {"en": "approve posts", "fr": "approuver des publications"},
    "review.action.request_changes": {"en": "request changes", "fr": "demander des modifications"},
    "review.own_posts_only": {"en": "{name} can only submit their own posts for review.",
                              "fr": "{name} ne peut envoyer en relecture que ses propres publications."},
    "review.approval_blocked": {"en": "Post {id} has {count} error-level finding(s) ({codes}): fix them, or record a "
                                      "reason to override the checker.",
                                "fr": "La publication {id} a {count} alerte(s) bloquante(s) ({codes}) : corrigez-les, "
                                      "ou notez une raison pour passer outre la relecture automatique."},
    "review.empty_comment": {"en": "Say what should change: the comment is empty.",
                             "fr": "Dites ce qui doit changer : le commentaire est vide."},
    "posts.not_found": {"en": "Post {id} does not exist or is in the trash.",
                        "fr": "La publication {id} n'existe pas ou est dans la corbeille."},
    "posts.bad_move": {"en": "A post in status {current} cannot move to {target}.",
                       "fr": "Une publication au statut {current} ne peut pas passer au statut {target}."},
    "export.no_date": {"en": "no date: schedule it first", "fr": "pas de date : programmez-la d'abord"},
    "export.no_text": {"en": "no text", "fr": "pas de texte"},
    "export.too_soon": {"en": "less than {minutes} minutes ahead (or past): the scheduler refuses it",
                        "fr": "moins de {minutes} minutes à l'avance (ou passée) : l'outil la refuse"},
    "export.minute_step": {"en": "at {time}: this scheduler only takes minutes on a multiple of {step}",
                           "fr": "à {time} : cet outil ne prend que des minutes multiples de {step}"},
    "export.too_close": {"en": "less than {minutes} minutes after the channel's previous post",
                         "fr": "moins de {minutes} minutes après la publication précédente du canal"},
    "export.timezone_note": {"en": "Times are in {zone}: set the same timezone in {tool} before uploading.",
                             "fr": "Heures dans le fuseau {zone} : réglez le même fuseau dans {tool} avant l'envoi."},
    "export.not_approved_note": {"en": "{count} posts not approved or scheduled were not exported (choose statuses "
                                       "to include them).",
                                 "fr": "{count} publications ni validées ni programmées n'ont pas été exportées "
                                       "(choisissez les statuts pour les inclure)."},
    "exchange.export": {"fr": "Exporter le calendrier", "en": "Export the calendar"},
    "exchange.export_help": {"fr": "Choisissez le format et les publications, puis préparez le fichier à télécharger.",
                             "en": "Choose the format and the posts, then prepare the file to download."},
    "exchange.format": {"fr": "Format", "en": "Format"},
    "exchange.format.edito-csv": {"fr": "Edito CSV", "en": "Edito CSV"},
    "exchange.format.excel-fr": {"fr": "Tableur français (Excel, LibreOffice)",
                                 "en": "French spreadsheet (Excel, LibreOffice)"},
    "exchange.format.hootsuite": {"fr": "Hootsuite", "en": "Hootsuite"},
    "exchange.format.buffer": {"fr": "Buffer", "en": "Buffer"},
    "exchange.format.sprout": {"fr": "Sprout Social", "en": "Sprout Social"},
    "exchange.format.ics": {"fr": "iCalendar (.ics)", "en": "iCalendar (.ics)"},
    # the English descriptions are calendar_app.exchange.DESCRIPTIONS (a test keeps them equal)
    "exchange.describe.edito-csv": {
        "fr": "Edito CSV : tous les champs, heures ISO 8601 avec décalage ; se réimporte sans perte",
        "en": "Edito CSV: every field, ISO 8601 times with offset; reads back losslessly"},
    "exchange.describe.excel-fr": {
        "fr": "CSV pour un tableur en français (Excel, LibreOffice) : « ; », UTF-8 avec BOM, jj/mm/aaaa",
        "en": "CSV for a French spreadsheet (Excel, LibreOffice): ';', UTF-8 with BOM, dd/mm/yyyy"},
    "exchange.describe.hootsuite": {
        "fr": "Import en masse Hootsuite (Bulk Composer) : un fichier par canal, 350 publications au plus chacun",
        "en": "Hootsuite Bulk Composer: one file per channel, at most 350 posts each"},
    "exchange.describe.buffer": {"fr": "Import en masse Buffer : un fichier par canal",
                                 "en": "Buffer bulk upload: one file per channel"},
    "exchange.describe.sprout": {
        "fr": "Programmation en masse Sprout Social : un fichier par canal, 350 publications au plus chacun",
        "en": "Sprout Social bulk scheduling: one file per channel, at most 350 posts each"},
    "exchange.describe.ics": {"fr": "iCalendar (.ics) : un événement par publication programmée",
                              "en": "iCalendar (.ics): one event per scheduled post"},
    "exchange.all_dates": {"fr": "Toutes les dates (et les publications sans date)",
                           "en": "All dates (and posts without a date)"},
    "exchange.to": {"fr": "Au", "en": "To"},
    "exchange.bad_period": {"fr": "La date de fin précède la date de début.",
                            "en": "The end date is before the start date."},
    "exchange.with_findings": {"fr": "Inclure les alertes de la relecture automatique",
                               "en": "Include the checker's findings"},
    "exchange.with_findings_help": {
        "fr": "Ajoute le nombre, les codes et les messages des alertes. Les publications modifiées depuis leur "
              "dernière relecture sont relues : cela peut prendre un moment.",
        "en": "Adds the number, codes and messages of the findings. Posts changed since their last check are "
              "checked again: this can take a while."},
    "exchange.date_order": {"fr": "Ordre des dates", "en": "Date order"},
    "exchange.date_order.auto": {"fr": "Automatique", "en": "Automatic"},
    "exchange.date_order_help": {
        "fr": "Pour les dates comme 03/04/2026. Automatique : jour d'abord pour une marque française et pour le "
              "tableur français, mois d'abord sinon.",
        "en": "For dates such as 03/04/2026. Automatic: day first for a French brand and for the French "
              "spreadsheet, month first otherwise."},
    "exchange.date_order.dmy": {"fr": "Jour d'abord (24/11/2026)", "en": "Day first (24/11/2026)"},
    "exchange.date_order.mdy": {"fr": "Mois d'abord (11/24/2026)", "en": "Month first (11/24/2026)"},
    "exchange.prepare": {"fr": "Préparer l'export", "en": "Prepare the export"},
    "exchange.preparing": {"fr": "Préparation du fichier…", "en": "Preparing the file…"},
    "exchange.checking": {"fr": "Relecture des publications : {done} / {total}",
                          "en": "Checking the posts: {done} / {total}"},
    "exchange.exported": {"fr": "{count} publication(s) exportée(s) dans {files} fichier(s).",
                          "en": "{count} post(s) exported in {files} file(s)."},
    "exchange.zip": {"fr": "Plusieurs fichiers : ils sont réunis dans une archive zip.",
                     "en": "Several files: they come in one zip archive."},
    "exchange.download": {"fr": "Télécharger {name}", "en": "Download {name}"},
    "exchange.nothing_exported": {"fr": "Aucune publication exportée : il n'y a rien à télécharger.",
                                  "en": "No post exported: there is nothing to download."},
    "exchange.left_out": {"fr": "{count} publication(s) laissée(s) de côté par ce format :",
                          "en": "{count} post(s) left out by this format:"},
    "exchange.post_number": {"fr": "N°", "en": "#"},
    "exchange.reason": {"fr": "Raison", "en": "Reason"},
    "exchange.import": {"fr": "Importer un fichier", "en": "Import a file"},
    "exchange.import_help": {
        "fr": "Edito CSV, tableur, Hootsuite, Buffer ou Sprout Social. Rien n'est enregistré avant votre "
              "confirmation ; les publications déjà présentes sont ignorées.",
        "en": "Edito CSV, spreadsheet, Hootsuite, Buffer or Sprout Social. Nothing is saved before you "
              "confirm; posts already in the calendar are skipped."},
    "exchange.file": {"fr": "Fichier CSV", "en": "CSV file"},
    "exchange.detect": {"fr": "Détecter automatiquement", "en": "Detect automatically"},
    "exchange.import_channel": {"fr": "Canal des lignes qui n'en ont pas", "en": "Channel for rows without one"},
    "exchange.import_channel_help": {"fr": "Les fichiers Hootsuite, Buffer et Sprout Social ne nomment pas le canal.",
                                     "en": "Hootsuite, Buffer and Sprout Social files do not name the channel."},
    "exchange.channel_from_file": {"fr": "Celui indiqué dans le fichier", "en": "The one the file gives"},
    "exchange.reading": {"fr": "Lecture du fichier…", "en": "Reading the file…"},
    "exchange.detected": {"fr": "{source} · format {format}", "en": "{source} · {format} format"},
    "exchange.rows": {"fr": "Lignes lues", "en": "Rows read"},
    "exchange.to_create": {"fr": "À créer", "en": "To create"},
    "exchange.duplicates": {"fr": "Doublons ignorés", "en": "Duplicates skipped"},
    "exchange.problems": {"fr": "Problèmes", "en": "Problems"},
    "exchange.rejected": {
        "fr": "Le fichier a {count} problème(s) : rien ne sera importé. Corrigez les lignes ci-dessous, puis "
              "déposez le fichier à nouveau.",
        "en": "The file has {count} problem(s): nothing will be imported. Fix the rows below, then upload the "
              "file again."},
    "exchange.row": {"fr": "Ligne", "en": "Row"},
    "exchange.column": {"fr": "Colonne", "en": "Column"},
    "exchange.problem": {"fr": "Problème", "en": "Problem"},
    "exchange.date": {"fr": "Date", "en": "Date"},
    "exchange.label": {"fr": "Titre ou début du texte", "en": "Title or start of the text"},
    "exchange.posts_to_create": {"fr": "Publications à créer", "en": "Posts to create"},
    "exchange.new_channels": {"fr": "Canaux qui seront ajoutés (par un admin seulement) : {channels}",
                              "en": "Channels that will be added (by an admin only): {channels}"},
    "exchange.new_campaigns": {"fr": "Campagnes qui seront ajoutées : {campaigns}",
                               "en": "Campaigns that will be added: {campaigns}"},
    "exchange.people_kept": {"fr": "Personnes sans compte ici, gardées par leur adresse e-mail (elles "
                                   "reviennent telles quelles à l'export) :",
                             "en": "People without an account here, kept by their email (exported back as they "
                                   "are):"},
    "exchange.people_not_members": {"fr": "Comptes sans accès à {brand} (reliés quand même ; un admin peut leur "
                                          "donner l'accès) :",
                                    "en": "Accounts without access to {brand} (linked all the same; an admin can "
                                          "give them access):"},
    "exchange.author_of": {"fr": "Auteur de", "en": "Author of"},
    "exchange.reviewer_of": {"fr": "Relecteur de", "en": "Reviewer of"},
    "exchange.new_channel_for": {"fr": "Nouveau canal {name} ({platform})", "en": "New channel {name} ({platform})"},
    "exchange.import_one": {"fr": "Importer 1 publication", "en": "Import 1 post"},
    "exchange.import_many": {"fr": "Importer {count} publications", "en": "Import {count} posts"},
    "exchange.import_as": {"fr": "Import au nom de {name} ({role}) : les éditeurs et les admins peuvent importer.",
                           "en": "Importing as {name} ({role}): editors and admins can import."},
    "exchange.nothing_new": {"fr": "Rien de nouveau : chaque ligne est déjà dans le calendrier.",
                             "en": "Nothing new: every row is already in the calendar."},
    "exchange.imported": {"fr": "{count} publication(s) créée(s) depuis {source} ; {skipped} doublon(s) ignoré(s).",
                          "en": "{count} post(s) created from {source}; {skipped} duplicate(s) skipped."},
    "exchange.see_calendar": {"fr": "Voir le calendrier", "en": "See the calendar"},
    # --- trash and settings ---
    "trash": {"fr": "Corbeille", "en": "Trash"},
    "trash_empty": {"fr": "La corbeille est vide.", "en": "The trash is empty."},
    "trash_count": {"fr": "{count} publication(s) dans la corbeille, la plus récemment supprimée d'abord.",
                    "en": "{count} post(s) in the trash, most recently deleted first."},
    "deleted_by": {"fr": "Supprimée par {who} le {when}", "en": "Deleted by {who} on {when}"},
    "deleted_at": {"fr": "Supprimée le {when}", "en": "Deleted on {when}"},
    "someone": {"fr": "quelqu'un", "en": "someone"},
    "unscheduled": {"fr": "Sans date", "en": "No date"},
    "restore": {"fr": "Restaurer", "en": "Restore"},
    "restored": {"fr": "« {title} » est de retour dans le calendrier.", "en": "\"{title}\" is back in the calendar."},
    "settings": {"fr": "Réglages", "en": "Settings"},
    "read_only": {"fr": "{name} est {role} : seuls les admins modifient les réglages. Lecture seule.",
                  "en": "{name} is a {role}: only admins change the settings. Read only."},
    "section.workspace": {"fr": "Marque", "en": "Brand"},
    "section.channels": {"fr": "Canaux", "en": "Channels"},
    "section.campaigns": {"fr": "Campagnes", "en": "Campaigns"},
    "section.checker": {"fr": "Relecture automatique", "en": "Pre-publication check"},
    "name": {"fr": "Nom", "en": "Name"},
    "language": {"fr": "Langue", "en": "Language"},
    "language.fr": {"fr": "Français", "en": "French"},
    "language.en": {"fr": "Anglais", "en": "English"},
    "voice": {"fr": "Adresse au lecteur", "en": "Voice"},
    "voice.tu": {"fr": "Tutoiement (tu)", "en": "Informal (tu)"},
    "voice.vous": {"fr": "Vouvoiement (vous)", "en": "Formal (vous)"},
    "voice.neutral": {"fr": "Neutre", "en": "Neutral"},
    "timezone": {"fr": "Fuseau horaire", "en": "Timezone"},
    "commercial_target": {"fr": "Part commerciale visée (au plus, %)", "en": "Target commercial share (at most, %)"},
    "save_settings": {"fr": "Enregistrer", "en": "Save"},
    "settings_saved": {"fr": "Réglages enregistrés.", "en": "Settings saved."},
    "platform": {"fr": "Plateforme", "en": "Platform"},
    "display_name": {"fr": "Nom affiché", "en": "Display name"},
    "colour": {"fr": "Couleur", "en": "Colour"},
    "posts_per_week": {"fr": "Publications prévues par semaine", "en": "Planned posts per week"},
    "add_channel": {"fr": "Ajouter un canal", "en": "Add a channel"},
    "edit_channel": {"fr": "Modifier un canal", "en": "Edit a channel"},
    "channel_added": {"fr": "Canal « {name} » ajouté.", "en": "Channel \"{name}\" added."},
    "channel_saved": {"fr": "Canal « {name} » enregistré.", "en": "Channel \"{name}\" saved."},
    "starts_on": {"fr": "Début", "en": "Start"},
    "ends_on": {"fr": "Fin", "en": "End"},
    "campaign_objective": {"fr": "Objectif de la campagne", "en": "Campaign objective"},
    "no_campaign": {"fr": "Aucune campagne pour l'instant.", "en": "No campaign yet."},
    "add_campaign": {"fr": "Ajouter une campagne", "en": "Add a campaign"},
    "edit_campaign": {"fr": "Modifier une campagne", "en": "Edit a campaign"},
    "campaign_added": {"fr": "Campagne « {name} » ajoutée.", "en": "Campaign \"{name}\" added."},
    "campaign_saved": {"fr": "Campagne « {name} » enregistrée.", "en": "Campaign \"{name}\" saved."},
    "section.members": {"fr": "Membres", "en": "Members"},
    "email": {"fr": "E-mail", "en": "Email"},
    "role": {"fr": "Rôle", "en": "Role"},
    "active": {"fr": "Actif", "en": "Active"},
    "members_help": {"fr": "Le rôle vaut pour toutes les marques, et les admins les ouvrent toutes. Un admin ne peut "
                           "ni se désactiver, ni se rétrograder, ni se retirer ; le dernier admin actif le reste.",
                     "en": "A role applies to every brand, and admins open them all. An admin cannot disable, demote "
                           "or remove themselves; the last active admin stays one."},
    "no_member": {"fr": "Personne n'a encore accès à cette marque.", "en": "Nobody can open this brand yet."},
    "add_member": {"fr": "Ajouter un membre", "en": "Add a member"},
    "initial_password": {"fr": "Mot de passe initial", "en": "Initial password"},
    "initial_password_help": {
        "fr": "{length} caractères ou plus, pour un nouveau compte. Un compte existant (même e-mail) garde son rôle "
              "et son mot de passe et reçoit l'accès à cette marque.",
        "en": "{length} characters or more, for a new account. An existing account (same email) keeps its role "
              "and password and is given access to this brand."},
    "member_added": {"fr": "« {name} » a maintenant accès à cette marque.",
                   "en": "\"{name}\" can now open this brand."},
    "edit_member": {"fr": "Gérer un membre", "en": "Manage a member"},
    "member": {"fr": "Membre", "en": "Member"},
    "change_role": {"fr": "Changer le rôle", "en": "Change the role"},
    "role_changed": {"fr": "« {name} » est maintenant {role}.", "en": "\"{name}\" is now {role}."},
    "new_password": {"fr": "Nouveau mot de passe", "en": "New password"},
    "reset_password": {"fr": "Réinitialiser le mot de passe", "en": "Reset the password"},
    "password_reset": {"fr": "Mot de passe de « {name} » changé ; ses sessions sont fermées.",
                       "en": "Password of \"{name}\" changed; their sessions are closed."},
    "disable_member": {"fr": "Désactiver le compte", "en": "Disable the account"},
    "enable_member": {"fr": "Réactiver le compte", "en": "Enable the account"},
    "member_disabled": {"fr": "Compte de « {name} » désactivé ; ses sessions sont fermées.",
                        "en": "\"{name}\" is disabled; their sessions are closed."},
    "member_enabled": {"fr": "Compte de « {name} » réactivé.", "en": "\"{name}\" is enabled again."},
    "remove_member": {"fr": "Retirer de cette marque", "en": "Remove from this brand"},
    "member_removed": {"fr": "« {name} » n'a plus accès à cette marque.",
                     "en": "\"{name}\" can no longer open this brand."},
    "jurisdiction": {"fr": "Règles de transparence pour les posts en {language}",
                     "en": "Disclosure rules for posts in {language}"},
    "jurisdiction.FR": {"fr": "France (ARPP, loi influenceurs)", "en": "France (ARPP, influencer law)"},
    "jurisdiction.UK": {"fr": "Royaume-Uni (ASA/CAP)", "en": "United Kingdom (ASA/CAP)"},
    "jurisdiction.US": {"fr": "États-Unis (FTC)", "en": "United States (FTC)"},
    "extra_terms": {"fr": "Mentions de partenariat acceptées en plus ({language}), une par ligne",
                    "en": "Extra accepted disclosure terms ({language}), one per line"},
    "ignored_rules": {"fr": "Règles désactivées", "en": "Ignored rules"},
    "choose_rules": {"fr": "Aucune : toutes les règles s'appliquent", "en": "None: every rule applies"},
    "brand_names": {"fr": "Noms de la marque, un par ligne", "en": "Brand names, one per line"},
    "partners": {"fr": "Partenaires connus, un par ligne", "en": "Known partners, one per line"},
    "advanced": {"fr": "Autres réglages (JSON, mêmes clés que [tool.edito])",
                 "en": "Other settings (JSON, same keys as [tool.edito])"},
    "advanced_help": {"fr": "Par exemple {\"severity\": {\"COM003\": \"error\"}}. Laissez {} si rien.",
                      "en": "For example {\"severity\": {\"COM003\": \"error\"}}. Leave {} for none."},
    "invalid_json": {"fr": "Autres réglages : JSON invalide ({error}).", "en": "Other settings: invalid JSON ({error})."},
    "json_not_table": {"fr": "Autres réglages : un objet JSON {…} est attendu.",
                       "en": "Other settings: a JSON object {…} is expected."},
    "json_managed_key": {"fr": "Autres réglages : « {key} » se règle dans les champs ci-dessus, pas ici.",
                         "en": "Other settings: \"{key}\" is set in the fields above, not here."},
    "brand_names_help": {"fr": "Vide : le nom de la marque ({name}).", "en": "Empty: the brand's name ({name})."},
    "role.writer": {"fr": "rédacteur·rice", "en": "writer"},
    "role.editor": {"fr": "éditeur·rice", "en": "editor"},
    "role.admin": {"fr": "admin", "en": "admin"},
    "no_user": {"fr": "Aucun membre d'équipe actif : lecture seule.", "en": "No active team member: read only."},
    "status.idea": {"fr": "Idée", "en": "Idea"},
    "status.draft": {"fr": "Brouillon", "en": "Draft"},
    "status.in_review": {"fr": "En relecture", "en": "In review"},
    "status.changes_requested": {"fr": "Modifications demandées", "en": "Changes requested"},
    "status.approved": {"fr": "Validée", "en": "Approved"},
    "status.scheduled": {"fr": "Programmée", "en": "Scheduled"},
    "status.published": {"fr": "Publiée", "en": "Published"},
    "status.archived": {"fr": "Archivée", "en": "Archived"},
    # --- compose: merging a conflicting save, and the post's history (issue 7) ---
    "compose.merge.title": {"fr": "Fusionner les deux versions", "en": "Merge the two versions"},
    "compose.merge.intro": {
        "fr": "{who} a enregistré cette publication pendant que vous la modifiiez (version {version}, {when}). "
              "Rien n'a été écrasé : choisissez ci-dessous, champ par champ, ce qu'il faut garder.",
        "en": "{who} saved this post while you were editing it (version {version}, {when}). Nothing was "
              "overwritten: choose below, field by field, what to keep."},
    "compose.merge.again": {
        "fr": "Quelqu'un a encore enregistré cette publication entre-temps : {who} (version {version}, {when}). "
              "Votre fusion n'a rien écrasé ; elle est devenue « votre version » ci-dessous.",
        "en": "Someone saved this post again meanwhile: {who} (version {version}, {when}). Your merge "
              "overwrote nothing; it is now \"your version\" below."},
    "compose.merge.help": {
        "fr": "Seuls les champs qui diffèrent sont listés ; par défaut, chaque champ garde le côté qui l'a modifié. "
              "Dans les textes, les lignes surlignées ont changé depuis la version que vous aviez ouverte, les "
              "lignes barrées ont été retirées.",
        "en": "Only the fields that differ are listed; by default each field keeps the side that changed it. In "
              "the texts, highlighted lines changed since the version you opened, struck-through lines were "
              "removed."},
    "compose.merge.nothing": {
        "fr": "Vos champs sont identiques à la version enregistrée : enregistrez la fusion pour repartir de "
              "cette version.",
        "en": "Your fields are the same as the saved version: save the merge to go on from that version."},
    "compose.merge.theirs": {"fr": "Leur version (enregistrée)", "en": "Their version (saved)"},
    "compose.merge.theirs_caption": {"fr": "version {version} · {status} · par {who}, {when}",
                                     "en": "version {version} · {status} · by {who}, {when}"},
    "compose.merge.mine": {"fr": "Votre version (non enregistrée)", "en": "Your version (not saved)"},
    "compose.merge.mine_caption": {"fr": "ce que vous avez tenté d'enregistrer",
                                   "en": "what you tried to save"},
    "compose.merge.keep_theirs": {"fr": "Garder la leur", "en": "Keep theirs"},
    "compose.merge.keep_mine": {"fr": "Garder la mienne", "en": "Keep mine"},
    "compose.merge.keep_merged": {"fr": "Texte fusionné", "en": "Merged text"},
    "compose.merge.changed_them": {"fr": "modifié de leur côté", "en": "changed on their side"},
    "compose.merge.changed_me": {"fr": "modifié de votre côté", "en": "changed on your side"},
    "compose.merge.changed_both": {"fr": "modifié des deux côtés", "en": "changed on both sides"},
    "compose.merge.merged_text": {"fr": "Texte fusionné (modifiable)", "en": "Merged text (editable)"},
    "compose.merge.text_clean": {
        "fr": "Fusion ligne par ligne : les lignes changées d'un seul côté sont reprises. Relisez avant "
              "d'enregistrer.",
        "en": "Merged line by line: lines changed on one side only are taken. Read it before saving."},
    "compose.merge.text_conflicts": {
        "fr": "{count} passage(s) modifié(s) des deux côtés sont entre les marques `<<<<<<<` et `>>>>>>>` : gardez "
              "ce qu'il faut et retirez les marques.",
        "en": "{count} passage(s) changed on both sides are between the `<<<<<<<` and `>>>>>>>` marks: keep what "
              "you want and remove the marks."},
    "compose.merge.markers_left": {
        "fr": "Le texte fusionné contient encore des marques `<<<<<<<` / `>>>>>>>` : retirez-les avant d'enregistrer.",
        "en": "The merged text still holds `<<<<<<<` / `>>>>>>>` marks: remove them before saving."},
    "compose.merge.save": {"fr": "Enregistrer la fusion", "en": "Save the merge"},
    "compose.merge.saved": {"fr": "Fusion enregistrée : publication n°{id}, version {version}.",
                            "en": "Merge saved: post #{id}, version {version}."},
    "compose.merge.theirs_label": {"fr": "leur version", "en": "their version"},
    "compose.merge.mine_label": {"fr": "ma version", "en": "my version"},
    "merge.when": {"fr": "Date et heure", "en": "Date and time"},
    "history": {"fr": "Historique", "en": "History"},
    "history.caption": {"fr": "{count} événement(s), le plus récent d'abord · heures du fuseau {zone}",
                        "en": "{count} event(s), newest first · times in {zone}"},
    "history.empty": {"fr": "Aucun événement enregistré.", "en": "No event recorded."},
    "history.when": {"fr": "Quand", "en": "When"},
    "history.who": {"fr": "Qui", "en": "Who"},
    "history.action": {"fr": "Action", "en": "Action"},
    "history.field": {"fr": "Champ", "en": "Field"},
    "history.before": {"fr": "Avant", "en": "Before"},
    "history.after": {"fr": "Après", "en": "After"},
    "history.system": {"fr": "système", "en": "system"},
    "history.action.create": {"fr": "Création", "en": "Created"},
    "history.action.edit": {"fr": "Modification", "en": "Edited"},
    "history.action.reschedule": {"fr": "Reprogrammation", "en": "Rescheduled"},
    "history.action.status": {"fr": "Changement de statut", "en": "Status changed"},
    "history.action.override": {"fr": "Validation malgré la relecture", "en": "Approved over the checker"},
    "history.action.delete": {"fr": "Mise à la corbeille", "en": "Moved to the trash"},
    "history.action.restore": {"fr": "Restauration", "en": "Restored"},
    "history.action.import": {"fr": "Import", "en": "Imported"},
    "history.author": {"fr": "Auteur", "en": "Author"},
    "history.reviewer": {"fr": "Relecture par", "en": "Reviewer"},
    "history.media_note": {"fr": "Note sur le visuel", "en": "Media note"},
    "history.comment": {"fr": "Commentaire", "en": "Comment"},
    "history.reason": {"fr": "Raison", "en": "Reason"},
    "history.rules": {"fr": "Règles passées outre", "en": "Rules overridden"},
    "history.source": {"fr": "Fichier importé", "en": "Imported file"},
    # --- sign-in (issue 7) ---
    "login.title": {"fr": "Connexion à Edito", "en": "Sign in to Edito"},
    "login.help": {"fr": "Connectez-vous avec le compte que votre administrateur vous a créé.",
                   "en": "Sign in with the account your administrator created for you."},
    "login.email": {"fr": "Adresse e-mail", "en": "Email"},
    "login.password": {"fr": "Mot de passe", "en": "Password"},
    "login.submit": {"fr": "Se connecter", "en": "Sign in"},
    "login.wrong": {"fr": "E-mail ou mot de passe incorrect, ou compte désactivé.",
                    "en": "Email or password is wrong, or the account is disabled."},
    "login.throttled": {"fr": "Trop d'essais manqués pour cette adresse : réessayez dans {minutes} min.",
                        "en": "Too many failed sign-ins for this email: try again in {minutes} min."},
    "login.sso": {"fr": "Se connecter avec l'authentification unique (SSO)", "en": "Sign in with single sign-on"},
    "login.sso_unknown": {"fr": "Aucun compte Edito actif pour {email} : demandez à un administrateur.",
                          "en": "No active Edito account for {email}: ask an administrator."},
    # --- a team starting from zero (issue 13): the first admin, the walk-through, a new brand ---
    "first_admin.none": {"fr": "Aucun compte pour l'instant. Créez le premier administrateur sur le serveur "
                               "d'Edito, dans un terminal :",
                         "en": "No account yet. Create the first admin on Edito's server, in a terminal:"},
    "first_admin.command": {"fr": 'edito user add EMAIL --name "Prénom Nom" --role admin',
                            "en": 'edito user add EMAIL --name "First Last" --role admin'},
    "first_admin.then": {"fr": "Le mot de passe ({length} caractères ou plus) est demandé deux fois, masqué "
                               "(`--password-stdin` le lit depuis un script). Connectez-vous ensuite ici : Edito vous "
                               "guide pour créer votre première marque, ses canaux et votre équipe.",
                         "en": "The password ({length} characters or more) is asked twice, hidden "
                               "(`--password-stdin` reads it from a script). Then sign in here: Edito walks you "
                               "through your first brand, its channels and your team."},
    "first_admin.done": {"fr": "C'est fait : me connecter", "en": "Done: sign in"},
    "first_admin.still_none": {"fr": "Toujours aucun compte : lancez la commande ci-dessus sur la machine où tourne "
                                     "Edito, puis réessayez.",
                               "en": "Still no account: run the command above on the machine Edito runs on, then "
                                     "try again."},
    "action.create_brands": {"en": "create brands", "fr": "créer des marques"},
    "onboarding.accounts_exist": {"en": "Accounts exist already: an admin adds the team (Settings → Members).",
                                  "fr": "Des comptes existent déjà : un admin ajoute l'équipe (Réglages → Membres)."},
    "onboarding.title": {"fr": "Bienvenue dans Edito", "en": "Welcome to Edito"},
    "onboarding.intro": {"fr": "Trois étapes pour démarrer : la marque, ses canaux, puis l'équipe.",
                         "en": "Three steps to start: the brand, its channels, then the team."},
    "onboarding.step": {"fr": "Étape {step} sur {total} · {name}", "en": "Step {step} of {total} · {name}"},
    "onboarding.step.brand": {"fr": "La marque", "en": "The brand"},
    "onboarding.step.channels": {"fr": "Les canaux", "en": "The channels"},
    "onboarding.step.team": {"fr": "L'équipe", "en": "The team"},
    "onboarding.you": {"fr": "Vous, premier administrateur", "en": "You, the first admin"},
    "onboarding.you_help": {"fr": "Installation locale : pas de connexion, donc pas de mot de passe. Avant d'ouvrir "
                                  "Edito à l'équipe, donnez-vous-en un avec `edito user passwd EMAIL`.",
                            "en": "Local install: no sign-in, so no password. Before opening Edito to the team, "
                                  "give yourself one with `edito user passwd EMAIL`."},
    "onboarding.your_name": {"fr": "Votre nom", "en": "Your name"},
    "onboarding.your_email": {"fr": "Votre e-mail", "en": "Your email"},
    "onboarding.brand_language_help": {"fr": "La langue des pages de la marque et de sa relecture automatique.",
                                       "en": "The language of the brand's pages and of its checker."},
    "onboarding.timezone_help": {"fr": "Tapez pour chercher, par exemple Europe/Paris.",
                                 "en": "Type to search, for example Europe/Paris."},
    "onboarding.create_brand": {"fr": "Créer la marque", "en": "Create the brand"},
    "onboarding.brand_created": {"fr": "Marque « {name} » créée.", "en": "Brand \"{name}\" created."},
    "onboarding.channels_help": {"fr": "Chaque publication part sur un canal : ajoutez-en au moins un. Vous en "
                                       "ajouterez d'autres, et changerez leurs couleurs, dans Réglages → Canaux.",
                                 "en": "Every post goes out on a channel: add one at least. You will add more, and "
                                       "change their colours, in Settings → Channels."},
    "onboarding.pick_platform": {"fr": "Choisissez une plateforme", "en": "Choose a platform"},
    "onboarding.platform_missing": {"fr": "Choisissez la plateforme du canal.", "en": "Choose the channel's platform."},
    "onboarding.posts_per_week_help": {"fr": "Le rythme prévu ; les analyses signalent les silences. Facultatif.",
                                       "en": "The planned pace; insights flag the silences. Optional."},
    "onboarding.add_channel": {"fr": "Ajouter ce canal", "en": "Add this channel"},
    "onboarding.next": {"fr": "Continuer", "en": "Continue"},
    "onboarding.need_channel": {"fr": "Ajoutez au moins un canal pour continuer.",
                                "en": "Add a channel at least to continue."},
    "onboarding.team_help": {"fr": "Ajoutez les personnes qui rédigent et relisent : chacune se connecte avec son "
                                   "e-mail et le mot de passe initial que vous lui transmettez. Vous en ajouterez "
                                   "d'autres dans Réglages → Membres.",
                             "en": "Add the people who write and review: each signs in with their email and the "
                                   "initial password you give them. You will add more in Settings → Members."},
    "onboarding.add_member": {"fr": "Ajouter ce membre", "en": "Add this member"},
    "onboarding.finish": {"fr": "Terminer : ouvrir le calendrier", "en": "Finish: open the calendar"},
    "onboarding.new_brand": {"fr": "Nouvelle marque", "en": "New brand"},
    "onboarding.new_brand_help": {"fr": "Une fois la marque créée, ses réglages s'ouvrent : ajoutez-y ses canaux et "
                                        "ses membres.",
                                  "en": "Once the brand is created, its settings open: add its channels and members "
                                        "there."},
    "onboarding.created_settings": {"fr": "Marque « {name} » créée : ajoutez-lui ses canaux et ses membres.",
                                    "en": "Brand \"{name}\" created: add its channels and members."},
    "onboarding.admins_only": {"fr": "{name} est {role} : seuls les admins créent des marques.",
                               "en": "{name} is a {role}: only admins create brands."},
    "onboarding.no_brand": {"fr": "Vous n'avez encore accès à aucune marque. Demandez à un administrateur de vous en "
                                  "ouvrir une :",
                            "en": "You cannot open any brand yet. Ask an admin to give you access to one:"},
    "onboarding.no_admin": {"fr": "Aucun administrateur actif pour l'instant : sur le serveur d'Edito, créez-en un "
                                  "avec la commande ci-dessous.",
                            "en": "No active admin yet: on Edito's server, create one with the command below."},
    "onboarding.pick_admin": {"fr": "Installation locale : choisissez un admin dans « Vous êtes / You are » pour "
                                    "créer la première marque.",
                              "en": "Local install: choose an admin in \"Vous êtes / You are\" to create the first "
                                    "brand."},
    "onboarding.create_new_brand": {"fr": "Créer une autre marque", "en": "Create another brand"},
    "signed_in_as": {"fr": "Connecté·e : {name} ({role})", "en": "Signed in: {name} ({role})"},
    "sign_out": {"fr": "Se déconnecter", "en": "Sign out"},
    "demo_banner": {"fr": "Comptes de démonstration actifs (mot de passe edito-demo). Désactivez-les "
                          "(edito user disable) avant d'ouvrir Edito à l'équipe. · Demo accounts are active.",
                    "en": "Demo accounts are active (password edito-demo). Disable them (edito user disable) "
                          "before opening Edito to the team."},
    # --- calendar checks (issue 6): Insights section and the warnings beside a post ---
    "calendar_checks.title": {"fr": "Le calendrier dans son ensemble", "en": "The calendar as a whole"},
    "calendar_checks.help": {
        "fr": "Les règles CAL lisent toutes les publications de la période (et les 30 jours d'avant) : part "
              "commerciale sur 7 et 30 jours glissants, même texte sur plusieurs canaux, répétitions, "
              "collisions, silences, charge par auteur, publications en retard ou pas encore approuvées. "
              "Chaque constat nomme ses publications, en premier (avec un drapeau) celle qui le déclenche.",
        "en": "The CAL rules read every post of the period (and the 30 days before): the commercial share "
              "over rolling 7 and 30 days, the same text on several channels, repeats, collisions, silences, "
              "each author's workload, posts late or not approved yet. Each finding names its posts, the one "
              "that triggers it first (flagged)."},
    "calendar_checks.running": {"fr": "Relecture du calendrier…", "en": "Checking the calendar…"},
    "calendar_checks.none": {"fr": "Rien à signaler sur le calendrier de cette période.",
                             "en": "Nothing to flag in this period's calendar."},
    "calendar_checks.summary": {"fr": "{count} constat(s) : {error} erreur(s), {warning} avertissement(s), "
                                      "{info} info.",
                                "en": "{count} finding(s): {error} error(s), {warning} warning(s), {info} info."},
    "calendar_checks.rules": {"fr": "Règles affichées", "en": "Rules shown"},
    "calendar_checks.all_rules": {"fr": "toutes", "en": "all"},
    "calendar_checks.more": {"fr": "… et {count} autre(s) {code} : choisissez cette règle ci-dessus pour les voir.",
                             "en": "… and {count} more {code}: pick this rule above to see them."},
    "calendar_checks.more_chosen": {"fr": "… et {count} autre(s) {code} : raccourcissez la période pour les voir.",
                                    "en": "… and {count} more {code}: shorten the period to see them."},
    "calendar_checks.day": {"fr": "le {day}", "en": "on {day}"},
    "calendar_checks.span": {"fr": "du {start} au {end}", "en": "from {start} to {end}"},
    "calendar_checks.window": {"fr": "Période : {window}", "en": "Period: {window}"},
    "calendar_checks.posts": {"fr": "Publications concernées", "en": "Posts involved"},
    "calendar_checks.more_posts": {"fr": "et {count} autre(s)", "en": "and {count} more"},
    "calendar_checks.post_warning": {"fr": "Calendrier · {code} : {message} ({window})",
                                     "en": "Calendar · {code}: {message} ({window})"},
    # --- audit (the Audit page: past posts from the platforms' exports) ---
    "audit": {"fr": "Audit", "en": "Audit"},
    "audit.help": {"fr": "Les publications passées de la marque, lues dans les exports des plateformes (X, Instagram, "
                         "Facebook, LinkedIn) ou dans un export CSV d'Edito, passées à toutes les règles de la "
                         "relecture et du calendrier, mois par mois. Rien n'est enregistré.",
                   "en": "The brand's past posts, read from the platforms' exports (X, Instagram, Facebook, LinkedIn) "
                         "or from an Edito CSV export, checked by every rule of the review and of the calendar, month "
                         "by month. Nothing is saved."},
    "audit.files": {"fr": "Exports à auditer : le .zip d'une plateforme, ou ses fichiers .js, .json, .csv",
                    "en": "Exports to audit: a platform's .zip, or its .js, .json, .csv files"},
    "audit.files_help": {"fr": "X : Paramètres › Votre compte › Télécharger une archive. Instagram, Facebook : "
                               "Espace Comptes › Télécharger vos informations, au format JSON. LinkedIn : "
                               "Confidentialité des données › Obtenir une copie de vos données.",
                         "en": "X: Settings › Your account › Download an archive. Instagram, Facebook: Accounts "
                               "Center › Download your information, in JSON. LinkedIn: Data privacy › Get a copy of "
                               "your data."},
    "audit.from": {"fr": "Du (facultatif)", "en": "From (optional)"},
    "audit.to": {"fr": "Au (facultatif)", "en": "To (optional)"},
    "audit.period_help": {"fr": "Jours dans le fuseau de la marque ({zone}). Vide : tout l'historique.",
                          "en": "Days in the brand's timezone ({zone}). Empty: the whole history."},
    "audit.bad_period": {"fr": "La fin de la période est avant son début.", "en": "The period ends before it starts."},
    "audit.run": {"fr": "Lancer l'audit", "en": "Run the audit"},
    "audit.in_process": {"fr": "L'audit tourne ici, dans l'application, sur un seul processus : pour des archives de "
                               "dizaines de milliers de publications, préférez `edito audit` en ligne de commande.",
                         "en": "The audit runs here, in the app, on one process: for archives of tens of thousands "
                               "of posts, use `edito audit` on the command line."},
    "audit.reading": {"fr": "Lecture des exports…", "en": "Reading the exports…"},
    "audit.checking": {"fr": "{count} publications vérifiées…", "en": "{count} posts checked…"},
    "audit.calendar": {"fr": "{count} publications vérifiées ; règles du calendrier…",
                       "en": "{count} posts checked; calendar rules…"},
    "audit.not_a_zip": {"fr": "« {name} » n'est pas un fichier zip lisible : téléchargez l'export à nouveau.",
                        "en": "\"{name}\" is not a readable zip file: download the export again."},
    "audit.unreadable": {"fr": "« {name} » ne peut pas être lu : {detail}",
                         "en": "\"{name}\" cannot be read: {detail}"},
    "audit.failed": {"fr": "L'audit n'a pas pu être fait : {detail}", "en": "The audit could not run: {detail}"},
    "audit.done": {"fr": "{posts} publication(s) et {replies} réponse(s) auditées, {findings} constat(s).",
                   "en": "{posts} post(s) and {replies} reply(ies) audited, {findings} finding(s)."},
    "audit.left_out": {"fr": "Laissés de côté : {items}.", "en": "Left out: {items}."},
    "audit.left_out.retweets": {"fr": "{count} retweet(s)", "en": "{count} retweet(s)"},
    "audit.left_out.empty": {"fr": "{count} texte(s) vide(s)", "en": "{count} empty text(s)"},
    "audit.left_out.duplicates": {"fr": "{count} doublon(s)", "en": "{count} duplicate(s)"},
    "audit.nothing": {"fr": "Aucune publication dans ces exports sur cette période.",
                      "en": "No post in these exports for this period."},
    "audit.skipped": {"fr": "{count} enregistrement(s) illisible(s) ignoré(s) :",
                      "en": "{count} malformed record(s) skipped:"},
    "audit.skipped_more": {"fr": "… et {count} autre(s)", "en": "… and {count} more"},
    "audit.of": {"fr": "Rapport sur {archives}.", "en": "Report on {archives}."},
    "audit.quoted": {"fr": "« {name} »", "en": "\"{name}\""},
    "audit.download.html": {"fr": "Rapport (HTML)", "en": "Report (HTML)"},
    "audit.download.json": {"fr": "Données (JSON)", "en": "Data (JSON)"},
    "audit.download.csv": {"fr": "Chiffres par mois (CSV)", "en": "Figures per month (CSV)"},
    "audit.report": {"fr": "Le rapport d'audit", "en": "The audit report"},
}


WEEKDAYS = {
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}


def short_day(moment: datetime, lang: str = "fr") -> str:
    """A day as « mar. 24/11 » or "Tue 24/11", without depending on the machine's locale."""
    return f"{WEEKDAYS.get(lang, WEEKDAYS['en'])[moment.weekday()]} {moment:%d/%m}"


def percent(share: float, lang: str = "fr") -> str:
    """A share as « 43 % » (French: a narrow no-break space before the sign) or "43%"."""
    return f"{share * 100:.0f}\u202f%" if lang == "fr" else f"{share:.0%}"


class Localized(str):
    """A message written in English (the string itself: the CLI, logs and errors read it) that a page shows
    in its own language with ``localized``."""

    key: str
    values: dict[str, object]

    def __new__(cls, key: str, **values: object) -> Localized:
        message = super().__new__(cls, t(key, "en", **values))
        message.key, message.values = key, values
        return message

    def __reduce__(self):  # copies and pickles keep the key (str's own would make a plain str)
        return _localized, (self.key, self.values)


def _localized(key: str, values: dict[str, object]) -> Localized:
    return Localized(key, **values)


def localized(message: str, lang: str = "fr") -> str:
    """``message`` in ``lang`` when it is a ``Localized`` one (and so are its values); any other text as it is."""
    if not isinstance(message, Localized):
        return message
    return t(message.key, lang, **{name: localized(value, lang) if isinstance(value, Localized) else value
                                   for name, value in message.values.items()})


def t(key: str, lang: str = "fr", **values: object) -> str:
    label = LABELS.get(key, {}).get(lang) or LABELS.get(key, {}).get("en") or key
    return label.format(**values) if values else label
