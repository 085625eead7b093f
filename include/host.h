/*
 * host.h - the name of the host events are recorded from.
 *
 * Every event in the journal says where it was recorded; reports show it to
 * other operators. $MESOS_UPGRADE_HOST, when set to a valid name, stands
 * for the machine's own name: the test seam (a fixed host in expected
 * output), and a way to record a bastion's public name instead of its
 * internal one.
 */
#ifndef MU_HOST_H
#define MU_HOST_H

/*
 * $MESOS_UPGRADE_HOST when it is set to a valid name, else the machine's
 * name (gethostname()), else "unknown". Valid, as for operator names: 1 to
 * 255 bytes with nothing text_find_unprintable() finds; a value that is not
 * is passed over, as is such a machine name. The string is owned here:
 * static storage, valid until the next call.
 */
const char *host_name(void);

#endif
