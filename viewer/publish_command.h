#pragma once
// `parktwin publish`: plays the simulator (or a replay of recorded data) for the demo park into
// an MQTT broker, so a broker-fed setup runs with two commands:
//   parktwin publish --broker mqtt://127.0.0.1:1883 &
//   parktwin --data mqtt://127.0.0.1:1883
#include "viewer/cli.h"

namespace pt::viewer {

int runPublish(const Options& options);

}  // namespace pt::viewer
