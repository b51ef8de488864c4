export { readRealData as readSharedData } from "../../scripts/testing/realData";
