// Mounts this module's handler groups: Flows and Flow Events, and seeds the
// shared example flows they serve.
#include <iostream>

#include "handlers/flows/flow_events_handlers.hpp"
#include "handlers/flows/flows_handlers.hpp"
#include "handlers/flows/load_flows_path.hpp"
#include "handlers/flows/starter_examples.hpp"
#include "handlers/mount.hpp"

namespace lfkit::handlers {

void mount_flows(api::HandlerSet& set, const MountContext& context) {
  const auto& services = context.services;
  if (services && services->settings.create_starter_projects) {
    // Off (LANGFLOW_CREATE_STARTER_PROJECTS=false): none are added, as upstream; examples an
    // earlier start stored stay. Idempotent: examples are matched by their fixed ids. A failure
    // only leaves the examples list empty, so it is reported, not fatal.
    if (auto seeded = flows::seed_starter_examples(*services->store); !seeded) {
      std::cerr << "lfkit: could not seed starter examples: " << seeded.error().message << "\n";
    }
  }
  if (services) {
    for (const auto& line : flows::load_flows_from_directory(services))
      std::cerr << "lfkit-server: " << line << "\n";
  }
  set.flows = std::make_shared<flows::FlowsHandlers>(services);
  set.flowevents = std::make_shared<flows::FlowEventsHandlers>(services);
}

}  // namespace lfkit::handlers
