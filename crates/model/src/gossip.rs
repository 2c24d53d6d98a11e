//! The cluster bus: MEET, PING, PONG and UPDATE messages, each with a gossip section of the
//! nodes the sender knows, and how a node changes its view when it hears one (the
//! configEpoch rules of `clusterUpdateSlotsConfigWith`). A message's slot set is a shared
//! snapshot of the sender's owner table, not a copied bitmap.

use crate::event::{Event, LossCause};
use crate::node::{Node, Role};
use crate::node_id::{NodeId, NodeIdx};
use crate::slot::Slot;
use crate::slot_table::SlotTable;
use std::sync::Arc;

/// A set of slots, as the bus carries it (Redis sends a bitmap): the slots bound to one node
/// in a snapshot of the sender's owner table. The table is shared with the sender's view, so
/// a message costs no copy and no bitmap.
#[derive(Clone, Debug)]
pub struct SlotSet {
    owners: SlotTable,
    node: NodeIdx,
}

impl SlotSet {
    /// The slots bound to `node` in `view_of`'s view.
    pub fn claimed_by(view_of: &Node, node: NodeIdx) -> SlotSet {
        SlotSet {
            owners: view_of.view.owner_table(),
            node,
        }
    }

    /// Whether the set holds a slot.
    pub fn contains(&self, slot: Slot) -> bool {
        self.owners.get(slot.index()) == Some(self.node)
    }

    /// The number of slots in the set.
    pub fn len(&self) -> usize {
        Slot::all().filter(|&s| self.contains(s)).count()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl PartialEq for SlotSet {
    fn eq(&self, other: &SlotSet) -> bool {
        self.owners.same_slots(self.node, &other.owners, other.node)
    }
}

impl Eq for SlotSet {}

/// The kind of a cluster-bus message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MessageKind {
    /// `CLUSTER MEET`'s greeting: the receiver learns the sender, and answers with a PONG.
    Meet,
    /// A heartbeat that asks for a PONG.
    Ping,
    /// A heartbeat reply, or a broadcast after a node takes a slot.
    Pong,
    /// "Node `about` owns these slots with this configEpoch": sent to a node with a stale claim.
    Update {
        /// The node whose configuration is reported.
        about: NodeIdx,
        /// Its configEpoch.
        config_epoch: u64,
        /// Its slots.
        slots: Arc<SlotSet>,
    },
}

/// One message on the cluster bus, with the sender's state captured when it was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusMessage {
    /// The sender.
    pub from: NodeIdx,
    /// The receiver.
    pub to: NodeIdx,
    /// PING, PONG or UPDATE.
    pub kind: MessageKind,
    /// The sender's currentEpoch.
    pub current_epoch: u64,
    /// The sender's configEpoch (its master's, for a replica).
    pub config_epoch: u64,
    /// The sender's role.
    pub role: Role,
    /// The slots the sender (or its master) claims.
    pub claims: Arc<SlotSet>,
    /// The nodes the sender knows, as a bitmask by index (the gossip section).
    pub known: u32,
}

impl BusMessage {
    /// A PING or PONG from `sender` to `to`, carrying the sender's current claims.
    pub fn heartbeat(sender: &Node, to: NodeIdx, kind: MessageKind) -> BusMessage {
        let me = sender.me;
        let role = sender.view.peers[me.get()].role;
        let master = match role {
            Role::Master => me,
            Role::Replica { of } => of,
        };
        BusMessage {
            from: me,
            to,
            kind,
            current_epoch: sender.view.current_epoch,
            config_epoch: sender.view.peers[master.get()].config_epoch,
            role,
            claims: Arc::new(SlotSet::claimed_by(sender, master)),
            known: sender
                .view
                .peers
                .iter()
                .enumerate()
                .filter(|(_, p)| p.known)
                .fold(0, |bits, (i, _)| bits | (1 << i)),
        }
    }
}

/// What a node does when it receives a message: it changes its own view and keys, and may
/// answer with messages of its own.
///
/// `ids` are the node ids by index, which break configEpoch ties.
pub fn receive(
    node: &mut Node,
    msg: &BusMessage,
    ids: &[NodeId],
    events: &mut Vec<Event>,
) -> Vec<BusMessage> {
    let mut replies = Vec::new();
    let sender = msg.from;
    if let MessageKind::Update {
        about,
        config_epoch,
        slots,
    } = &msg.kind
    {
        let peer = &mut node.view.peers[about.get()];
        if peer.config_epoch >= *config_epoch {
            return replies;
        }
        peer.role = Role::Master;
        peer.config_epoch = *config_epoch;
        update_slots_config(node, *about, *config_epoch, slots, events);
        return replies;
    }
    if msg.kind == MessageKind::Meet {
        node.view.peers[sender.get()].known = true;
    }
    if !node.knows(sender) {
        // Real nodes drop packets from nodes they do not know (MEET excepted).
        return replies;
    }
    if matches!(msg.kind, MessageKind::Ping | MessageKind::Meet) {
        replies.push(BusMessage::heartbeat(node, sender, MessageKind::Pong));
    }
    // The gossip section: start a handshake with every node the sender knows and I do not.
    for i in 0..node.view.peers.len() {
        if msg.known & (1 << i) != 0 && !node.view.peers[i].known {
            node.view.peers[i].known = true;
            let mut hello = BusMessage::heartbeat(node, NodeIdx(i as u8), MessageKind::Meet);
            hello.to = NodeIdx(i as u8);
            replies.push(hello);
        }
    }
    if msg.current_epoch > node.view.current_epoch {
        node.view.current_epoch = msg.current_epoch;
    }
    let sender_master = match msg.role {
        Role::Master => sender,
        Role::Replica { of } => of,
    };
    if msg.config_epoch > node.view.peers[sender_master.get()].config_epoch {
        node.view.peers[sender_master.get()].config_epoch = msg.config_epoch;
    }
    let old_role = node.view.peers[sender.get()].role;
    if old_role != msg.role {
        if old_role == Role::Master {
            // A master that turned replica no longer serves its slots in anyone's view.
            for slot in node.view.slots_of(sender) {
                node.view.set_owner(slot, None);
            }
        }
        node.view.peers[sender.get()].role = msg.role;
    }
    let dirty = SlotSet::claimed_by(node, sender_master) != *msg.claims;
    if msg.role == Role::Master && dirty {
        update_slots_config(node, sender, msg.config_epoch, &msg.claims, events);
    }
    if dirty {
        let stale_against = Slot::all()
            .filter(|&s| msg.claims.contains(s))
            .filter_map(|s| node.view.owner(s))
            .find(|&o| o != sender && node.view.peers[o.get()].config_epoch > msg.config_epoch);
        if let Some(owner) = stale_against {
            let mut update = BusMessage::heartbeat(node, sender, MessageKind::Pong);
            update.kind = MessageKind::Update {
                about: owner,
                config_epoch: node.view.peers[owner.get()].config_epoch,
                slots: Arc::new(SlotSet::claimed_by(node, owner)),
            };
            replies.push(update);
        }
    }
    let collides =
        node.is_master() && msg.role == Role::Master && msg.config_epoch == node.config_epoch();
    // `clusterHandleConfigEpochCollision`: the node with the smaller id takes a new epoch.
    if collides && ids[sender.get()] > ids[node.me.get()] {
        node.view.current_epoch += 1;
        let epoch = node.view.current_epoch;
        node.view.peers[node.me.get()].config_epoch = epoch;
        events.push(Event::EpochBumped {
            node: node.me,
            epoch,
        });
    }
    replies
}

/// `clusterUpdateSlotsConfigWith`: rebind the slots `sender` claims where its configEpoch
/// wins, and delete this node's keys in slots it lost while still holding keys.
pub fn update_slots_config(
    node: &mut Node,
    sender: NodeIdx,
    sender_epoch: u64,
    claims: &SlotSet,
    events: &mut Vec<Event>,
) {
    let me = node.me;
    if sender == me {
        return;
    }
    let cur_master = match node.view.peers[me.get()].role {
        Role::Master => me,
        Role::Replica { of } => of,
    };
    let mut dirty: Vec<Slot> = Vec::new();
    let mut new_master = None;
    let mut rebound = 0;
    for slot in Slot::all() {
        let owner = node.view.owner(slot);
        if claims.contains(slot) {
            if owner == Some(sender) {
                node.view.set_owner(slot, Some(sender));
                continue;
            }
            if node.view.importing_from(slot).is_some() {
                continue;
            }
            let beaten =
                owner.is_some_and(|o| node.view.peers[o.get()].config_epoch < sender_epoch);
            if node.view.is_unclaimed(slot) || beaten {
                if owner == Some(me) && node.keys.count_in_slot(slot) > 0 {
                    dirty.push(slot);
                }
                if owner == Some(cur_master) {
                    new_master = Some(sender);
                }
                node.view.set_owner(slot, Some(sender));
                rebound += 1;
            }
        } else if owner == Some(sender) {
            node.view.mark_not_claiming(slot);
        }
    }
    if rebound > 0 {
        events.push(Event::SlotsRebound {
            node: me,
            to: sender,
            count: rebound,
        });
    }
    let master_slots = node.view.slot_count(cur_master);
    if let (Some(new_master), 0) = (new_master, master_slots) {
        become_replica(node, new_master, events);
    } else {
        drop_keys(node, dirty, LossCause::DirtySlot, events);
    }
}

/// A master left without slots turns into a replica of the node that took them
/// (`cluster-allow-replica-migration yes`, the default). Its keys are dropped for the resync.
pub fn become_replica(node: &mut Node, of: NodeIdx, events: &mut Vec<Event>) {
    let me = node.me;
    node.view.peers[me.get()].role = Role::Replica { of };
    let slots: Vec<Slot> = node.keys.slots().collect();
    drop_keys(node, slots, LossCause::BecameReplica, events);
    events.push(Event::BecameReplica { node: me, of });
}

/// Deletes a node's keys in `slots`, reporting them as lost for `cause`.
fn drop_keys(node: &mut Node, slots: Vec<Slot>, cause: LossCause, events: &mut Vec<Event>) {
    for slot in slots {
        let keys = node.keys.clear_slot(slot);
        events.push(Event::KeysLost {
            node: node.me,
            slot,
            keys,
            cause,
        });
    }
}
