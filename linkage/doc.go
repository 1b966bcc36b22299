// Package linkage finds coordinated rings of accounts in the
// account–attribute graph and records each finding as a run.
//
// # Passes
//
// Link loads the graph once (graph.Load, a CSR snapshot) and runs, over
// flat integer arrays:
//
//  1. Identity components. Accounts that share an identity-grade attribute
//     (a payment card or canonical mailbox held by at most
//     Options.IdentityMaxShare accounts, a device fingerprint held by at
//     most Options.DeviceMaxShare) are joined with a union-find. A card or
//     mailbox is held by one person or one operator; beyond a family-sized
//     number of holders it is an organisation's and becomes ordinary
//     evidence for step 2 instead. Each component is contracted to one
//     node, so an identity is never split across clusters.
//
//  2. Community detection. Leiden (modularity, Options.Resolution) runs on
//     a star expansion: components plus one node per shared attribute. An
//     attribute shared by d accounts adds d edges, never d² pairs. The
//     weight of an account–attribute edge is
//
//     kindWeight(kind) × rarity(d) / n_kind(account)
//
//     where rarity(d) = ln(N/d)/ln(N) (N accounts; 1 for a value held by
//     one account, 0 for one held by everybody) says that a value shared
//     by three accounts is far stronger evidence than a carrier address
//     shared by thousands, and dividing by n_kind, the number of shared
//     values of that kind the account uses, makes each kind of evidence
//     count once per account however many proxies or templates it rotates
//     through. Values held by one account link nothing and are dropped, as
//     are values held by more than Options.MaxShare of all accounts.
//     Kind weights follow how specific a value is to its holder: payment
//     and email 1, device 0.7, template 0.6, ip 0.5; the ip-prefix (/24,
//     /48) is locality, not linkage, and weighs 0. Values that only heavy
//     rotators hold (accounts with more than Options.SampleAbove shared
//     values of that kind: an extraction ring's proxy pool) are sampled,
//     all holders of a value together, so that each keeps about
//     SampleAbove of them; since the kind's weight is then spread over
//     the sample, each account's pull through its pool is unchanged in
//     expectation, at a fraction of the edges.
//
//  3. Repair and peeling. Communities that point mostly outside themselves
//     and at each other are merged back (modularity cuts a dense group
//     that is most of its connected component). An identity component
//     stays in its community when at least MinAffinity of its link weight
//     points into it (an attribute pulls a holder towards community C by
//     the share of its weight held in C: a household's address that ring
//     members each passed through once among hundreds of proxy exits
//     weighs little with them and stays the household's), else moves to
//     the community
//     its values pull it to most, else goes alone. Two kinds of weight
//     speak for no community and are left out of that share: a value held
//     by just two accounts, unless they are all their community (it ties
//     the pair, not a group), and, of one kind of evidence, the values that each
//     point at a different community (a ring member's proxy addresses,
//     each also used by some stranger: a pattern of use, not a tie).
//     Values spread over many communities, like a popular device, count
//     in full: they speak against membership anywhere.
//
//  4. Core filter (onion peeling). A member's strength is its link weight
//     into its cluster, each shared value counted by its exclusivity (share
//     of its holders inside) times its reach (share of the other members
//     holding it): a value shared with one other account ties a pair, not
//     a group. Members under CoreShare of the cluster's top-decile strength
//     are peripheral; they form a group of their own that is filtered in
//     turn, so a second ring dragged in through a shared hub keeps its own
//     ties while accounts attached by one broad value (a carrier address,
//     a popular device) fall away. Finally a group that keeps under
//     MinAffinity of its members' link weight inside (cohesion) dissolves,
//     counting only the values that could be the group's: one held by more
//     than 1/MinAffinity times as many accounts as the group has (a popular
//     browser fingerprint, a carrier's address) would have most of its
//     holders outside even if every member held it, and says nothing of
//     whether the members are a group; a group tied by nothing else is loose,
//     and the freed groups that point mostly at each other are joined
//     again (the merge of step 3), then must pass the cohesion test on
//     their own: the core filter measured a ring that a crowd drew in
//     (behind a carrier's address pool, tied across its mailboxes only by
//     its own templates) against the crowd, and freed it with the crowd.
//     Only identity components of two or more accounts rejoin this way: a
//     ring of single accounts freed with a crowd stays freed (letting
//     every freed account look for a partner would regroup the crowd).
//
// # Scoring
//
// Every cluster of two or more accounts gets a score in [0, 1] from
// readable signals (see Signals): template concentration (the share of the
// cluster's templated requests that use templates its own members hold,
// or, when larger, how many such templates the members share per member:
// a ring that paraphrases its prompts spreads them over variants that it
// alone sends),
// automation in time (signup bursts and lockstep last activity, both
// measured against what chance gives for the same number of accounts over
// the same span, and activity round the clock: the members' requests
// keep no daily rest, each member measured against its own day so that
// people in many timezones do not pass for machines), volume (requests per account per day and tokens per
// request against the population median), a private pool of exits (the
// cluster's own addresses scattered over about as many networks, /24 or
// /48, as it has members: rented proxies, not a place), independent kinds
// of evidence tying the members together (addresses that cover the
// members only through one network are a site they share with whoever is
// there, and do not count; nor do cards that cover them only through one
// value, who pays for a group rather than a ring's pool), and cohesion (internal versus
// external link weight). The signals are combined by a noisy-OR and shrunk
// for small clusters, whose evidence is thin: size/(size+3). Flagged means the score
// reaches the threshold (DefaultThreshold, 0.5).
//
// What ties a cluster's members together (template concentration, kinds
// of evidence, an exit pool) counts in proportion to how far they also
// work like an extraction operation (Coordination): fully once volume,
// signup bursts, lockstep or activity round the clock reaches a quarter
// of its strength. A
// reseller's customers on its servers, card and templates are
// coordinated, but take no more from the model than as many ordinary
// users. It counts the less the more the members' volumes differ as
// independent users' do (independence: the log request counts spreading
// 0.6 to 0.9, as a median absolute deviation, on the clusters as the
// passes leave them, unless the spread falls in clumps): a product's or
// an event's users share its prompt, client and servers, which say who
// wrote the software, not who runs the accounts.
//
// An organisation is scored on volume and automation alone: a cluster at
// one site, or at a few (its own addresses cover half its members from at
// most one network per ten of them, as offices or a security gateway's
// egress in a few countries do, and exits rented by the account do not),
// whose members mostly have their mail at one domain that is its
// own (at least half of the domain's accounts are members, which no
// public or disposable provider is), or each at a domain no other
// account uses (an agency's clients, each a business of its own, whose
// accounts its staff work from its office), and mostly reach the API
// from a few addresses each (the site, a home), not a new proxy exit on
// most requests. So is a cluster whose members mostly share no address,
// paid for by one card for all (staff working from home on an employer's
// invoice), and one whose mail is at a few domains of its own, each held
// by ten or more members and hardly anyone else (firms on one vendor's
// tools). A school's pupils or a firm's staff
// say who they are and where; the cards, device images and templates
// they share show that they work together, which they do not hide, and
// not that one operator runs them. An extraction shop with its own domain
// working from one office is still flagged when it automates.
//
// A cluster is then judged in parts where one kind of evidence divides it
// (splitByEvidence): a ring behind shared infrastructure, such as an
// integrator's servers or a venue's wifi, is clustered with the
// infrastructure's innocent users, and scored whole it either flags them
// or is diluted by them. The members holding the cluster's own values of
// one kind, and the members holding none that are not tied to them by
// the first part's own values, are scored apart; the parts stay apart
// when exactly the first is flagged, or when the first is judged an
// organisation under the threshold and the rest is flagged (a firm's keys
// beside a ring on one cloud). A part on trial keeps its cluster's mail
// domain, so a part of an organisation is judged as the organisation's. In
// an organisation the second round runs once more, for the group beside
// the first (an insider's seats beside a firm's remote desktop). In a crowd that holds small values
// of its own (a carrier's subscribers sharing a prompt in twos and
// threes), a cluster still under the threshold is tried once more with
// the first part drawn from its most widely held value of the kind, and
// a third time with the first part drawn from the template on which its
// members send the most requests, among those at most half of them hold:
// a farm on a sponsor's leaked credit, hidden among the attendees who
// share the credit and its starter template, works on templates of its
// own. That cut stands only when the part sends at least half of its
// templated requests on its own templates.
//
// Accounts still in no cluster are then chained through addresses that
// few accounts share (poolLone: at most 8 holders, and two or more such
// addresses per account, so a resident behind one rented exit stays out),
// and each chain that scores at the threshold is kept as a cluster. A
// ring rotating through a pool of residential exits, a card and a popular
// fingerprint per account, is tied only by its exits coming back; the
// passes weigh that against what its members share with thousands, and
// leave them alone.
//
// Last, accounts in no cluster or in one under the threshold that hold
// two or more of a flagged
// cluster's own cards, mailboxes, devices, templates or addresses at most
// 8 accounts share (attachLone; a NAT's or a café's address is a place,
// not evidence of an operator) join it when they
// are at least half as heavy users and it then scores no lower: ring
// members whose only ties are the ring's widely shared templates, weak
// beside their popular fingerprint, are left alone by community detection.
// A template of the cluster's own on which an account sends at least half
// its requests counts as two values: it is what the account works on, not
// a stranger's prompt that once mined into it. This repeats (at most
// three rounds) while it attaches someone: values that only stragglers
// held with the ring become its own once they join. Accounts in no
// cluster may also join a cluster under the threshold on the same
// conditions, if it then reaches the threshold: a ring tied by its
// templates alone that community detection left half in a cluster and
// half in none.
// A cluster under the threshold most of whose members are tied to a
// flagged cluster the same way (joinFragments) joins it on the same
// conditions: a piece of a ring the passes left apart; so does one at
// least half of whose members hold one of its own templates when it works
// like extraction on its own, as joinFamilies asks (a family of a ring
// whose other families community detection gathered). Clusters under the
// threshold most of whose members work on one template, which few use
// elsewhere, are merged when the merge flags and works at nearly full
// volume (joinFamilies): a ring run as many small families, each on its
// own card, device and address. A chain of such clusters that fails as a
// whole is tried again template by template, the templates held most
// entirely by the clusters first: a cover template that real firms'
// staff send too must not sink the ring's own. Flagged clusters are
// chained the same way with each other, never with clusters under the
// threshold: pieces of one ring that each flag on their own. When
// families merge, the stragglers are attached again: they could not be
// while the ring was not flagged, or was in pieces.
//
// Clusters under the threshold that work at nearly full volume, each
// mostly on a mined template of its own (or the holders of such a
// template, all in no cluster), are merged in the same way when
// their templates are variants of one another (joinKindred): skeletons
// with at least a quarter of their word pairs in common, as a generator
// that writes each piece's prompt from parts gives them.
//
// Accounts still in no cluster are then gathered around a template they
// hold (gatherByTemplate): a ring tied only by its own templates, whose
// members each share a popular fingerprint or a home ISP's addresses with
// crowds, is pulled apart by the crowds and freed member by member. The
// holders of one template, nearly all of them in no cluster, less those
// at under half the group's median tokens per request (people asking the
// questions the ring wraps), are kept as a cluster when they work at
// nearly full volume and score at the threshold.
//
// Then loose groups that settle dissolved, whose members the passes left in no
// cluster, are put back together and cut as splitByEvidence cuts
// clusters; the part of a cut that scores at the threshold is kept, the
// rest go back to no cluster (cutLoose): a ring on a crowd's addresses that
// stayed with part of the crowd until the group was dissolved.
//
// Finally each flagged cluster leaves out the identities that do none of
// its work (dropResidents): accounts that send requests, under a tenth of
// them on the cluster's own templates, at under half or over twice the
// tokens per request of the identities that work on them. A ring on
// residential proxies rents real homes' addresses, and
// the people behind them hold two of its addresses few others hold, as
// its members do; they send their own prompts and read ordinary answers.
// An account that only a device fingerprint ties to its identity is
// judged on its own: a ring that wears its victims' rare fingerprints
// makes each victim one identity with the ring's accounts.
//
// # Runs and stable ids
//
// A run is recorded under the store's run prefix: its summary, one record
// per cluster, the member lists and a per-account index. A cluster keeps
// the id of the previous run's cluster that gave it most of its members
// (more than half of the old cluster's members, matched one to one, the
// largest overlaps first); other clusters get new ids from a counter kept
// with the runs. The same database and options give byte-identical runs.
package linkage
